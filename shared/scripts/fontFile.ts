/**
 * Writes `src/render/fontData.generated.ts`: the project's font (Inter, `inter-ui`, OFL-1.1)
 * as TrueType, subset to the characters the metrics cover (SH-T1) plus the substitute mark
 * (`SUBSTITUTE`), regular and bold, base64. The exports embed it: the SVG in an `@font-face`,
 * jsPDF and resvg as their font (both read TrueType only; `inter-ui` ships WOFF2 only).
 *
 *   node --import tsx shared/scripts/fontFile.ts          # rewrites the module
 *
 * fontkit reads the WOFF2 files; the TrueType file is assembled here, because fontkit's subset
 * writer cannot copy glyphs out of a WOFF2 file (its glyph table is transformed) and writes no
 * `cmap` (it is made for PDF writers that address glyphs by id). Every glyph is written from
 * its outline as a simple TrueType glyph (composites decomposed, no hinting); the other tables
 * are the font's own, with their glyph counts set.
 * `test/render-font.test.ts` checks that the committed module is what this script writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';
import { CODE_POINT_RANGES, FONT_FILES } from './fontMetrics.js';

/** The mark drawn for a character the font has no glyph for (U+25A1 WHITE SQUARE). */
export const SUBSTITUTE_CODE_POINT = 0x25a1;

export const FONT_DATA_OUTPUT = fileURLToPath(new URL('../src/render/fontData.generated.ts', import.meta.url));

const require = createRequire(import.meta.url);

interface PathCommand {
  readonly command: string;
  readonly args: readonly number[];
}

/** The TrueType `glyf` record of an outline: one contour per closed path, no hinting. */
function encodeGlyph(commands: readonly PathCommand[]): Uint8Array {
  const points: { x: number; y: number; on: boolean }[] = [];
  const ends: number[] = [];
  let open = false;
  for (const c of commands) {
    if (c.command === 'moveTo') {
      if (open) ends.push(points.length - 1);
      open = true;
      points.push({ x: c.args[0]!, y: c.args[1]!, on: true });
    } else if (c.command === 'lineTo') {
      points.push({ x: c.args[0]!, y: c.args[1]!, on: true });
    } else if (c.command === 'quadraticCurveTo') {
      points.push({ x: c.args[0]!, y: c.args[1]!, on: false });
      points.push({ x: c.args[2]!, y: c.args[3]!, on: true });
    } else if (c.command === 'closePath') {
      if (open) ends.push(points.length - 1);
      open = false;
    } else {
      throw new Error(`unexpected outline command ${c.command} (TrueType outlines only)`);
    }
  }
  if (open) ends.push(points.length - 1);
  if (points.length === 0) return new Uint8Array(0);
  const rounded = points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), on: p.on }));
  // A closing point equal to its contour's start is dropped by TrueType readers anyway; keep as is.
  const xs = rounded.map((p) => p.x);
  const ys = rounded.map((p) => p.y);
  const size = 10 + 2 * ends.length + 2 + rounded.length * 5;
  const padded = size + ((4 - (size % 4)) % 4);
  const view = new DataView(new ArrayBuffer(padded));
  let o = 0;
  const i16 = (v: number) => {
    view.setInt16(o, v);
    o += 2;
  };
  i16(ends.length);
  i16(Math.min(...xs));
  i16(Math.min(...ys));
  i16(Math.max(...xs));
  i16(Math.max(...ys));
  for (const e of ends) i16(e);
  i16(0); // no instructions
  for (const p of rounded) view.setUint8(o++, p.on ? 1 : 0);
  let last = 0;
  for (const p of rounded) {
    i16(p.x - last);
    last = p.x;
  }
  last = 0;
  for (const p of rounded) {
    i16(p.y - last);
    last = p.y;
  }
  return new Uint8Array(view.buffer);
}

/** A raw table of the font file, decompressed (every table but `glyf` and `loca` is stored as is in WOFF2). */
function rawTable(font: Font, tag: string): Uint8Array {
  const internals = font as unknown as { _getTableStream(tag: string): { buffer: Uint8Array; pos: number } | null };
  const entry = (font as unknown as { directory: { tables: Record<string, { length: number }> } }).directory.tables[
    tag
  ];
  const stream = internals._getTableStream(tag);
  if (!stream || !entry) throw new Error(`the font has no ${tag} table`);
  return stream.buffer.slice(stream.pos, stream.pos + entry.length);
}

/** A `cmap` with one format 4 subtable (every covered character is in the BMP) for Unicode and Windows. */
function cmapTable(map: readonly (readonly [number, number])[]): Uint8Array {
  // Segments of consecutive code points with consecutive glyph ids, then the closing 0xFFFF.
  const segments: { start: number; end: number; delta: number }[] = [];
  for (const [cp, gid] of map) {
    const last = segments[segments.length - 1];
    if (last && cp === last.end + 1 && gid - cp === last.delta) last.end = cp;
    else segments.push({ start: cp, end: cp, delta: gid - cp });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segments.length;
  const sub = new DataView(new ArrayBuffer(16 + 8 * n));
  const log = Math.floor(Math.log2(n));
  [4, 16 + 8 * n, 0, 2 * n, 2 * 2 ** log, log, 2 * n - 2 * 2 ** log].forEach((v, i) => sub.setUint16(2 * i, v));
  segments.forEach((s, i) => {
    sub.setUint16(14 + 2 * i, s.end);
    sub.setUint16(16 + 2 * n + 2 * i, s.start);
    sub.setUint16(16 + 4 * n + 2 * i, (s.delta + 0x10000) % 0x10000);
    sub.setUint16(16 + 6 * n + 2 * i, 0);
  });
  const head = new DataView(new ArrayBuffer(4 + 8 * 2));
  head.setUint16(2, 2);
  [
    [0, 3],
    [3, 1],
  ].forEach(([platform, encoding], i) => {
    head.setUint16(4 + 8 * i, platform!);
    head.setUint16(6 + 8 * i, encoding!);
    head.setUint32(8 + 8 * i, 20);
  });
  return concat([new Uint8Array(head.buffer), new Uint8Array(sub.buffer)]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(bytes.length + ((4 - (bytes.length % 4)) % 4));
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt file of these tables, with their checksums and the head's checksum adjustment. */
function sfnt(tables: Record<string, Uint8Array>): Uint8Array {
  const tags = Object.keys(tables).sort();
  const n = tags.length;
  const log = Math.floor(Math.log2(n));
  const dir = new DataView(new ArrayBuffer(12 + 16 * n));
  dir.setUint32(0, 0x00010000);
  dir.setUint16(4, n);
  dir.setUint16(6, 16 * 2 ** log);
  dir.setUint16(8, log);
  dir.setUint16(10, 16 * n - 16 * 2 ** log);
  let offset = 12 + 16 * n;
  const bodies: Uint8Array[] = [];
  tags.forEach((tag, i) => {
    const body = tables[tag]!;
    for (let c = 0; c < 4; c++) dir.setUint8(12 + 16 * i + c, tag.charCodeAt(c));
    dir.setUint32(16 + 16 * i, checksum(body));
    dir.setUint32(20 + 16 * i, offset);
    dir.setUint32(24 + 16 * i, body.length);
    const padded = new Uint8Array(body.length + ((4 - (body.length % 4)) % 4));
    padded.set(body);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = concat([new Uint8Array(dir.buffer), ...bodies]);
  const headAt = 12 + 16 * n + bodies.slice(0, tags.indexOf('head')).reduce((s, b) => s + b.length, 0);
  new DataView(file.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

/**
 * The font file as TrueType, with the glyphs of the covered characters and the substitute:
 * glyph 0 (.notdef) first, then one glyph per character in code point order.
 */
export function subsetFont(spec: string): Uint8Array {
  const font = create(readFileSync(require.resolve(spec)));
  if (!('glyphForCodePoint' in font)) throw new Error(`${spec} is a font collection, not one font`);
  const codePoints: number[] = [];
  for (const [from, to] of CODE_POINT_RANGES)
    for (let cp = from; cp <= to; cp++) if (font.hasGlyphForCodePoint(cp)) codePoints.push(cp);
  codePoints.push(SUBSTITUTE_CODE_POINT);
  const glyphs = [font.getGlyph(0), ...codePoints.map((cp) => font.glyphForCodePoint(cp))];
  const outlines = glyphs.map((g) => encodeGlyph((g.path as unknown as { commands: PathCommand[] }).commands));
  const loca = new DataView(new ArrayBuffer(4 * (glyphs.length + 1)));
  let at = 0;
  outlines.forEach((o, i) => {
    loca.setUint32(4 * i, at);
    at += o.length;
  });
  loca.setUint32(4 * glyphs.length, at);
  const hmtx = new DataView(new ArrayBuffer(4 * glyphs.length));
  glyphs.forEach((g, i) => {
    hmtx.setUint16(4 * i, Math.round(g.advanceWidth));
    hmtx.setInt16(4 * i + 2, Math.round(g.bbox.minX === Infinity ? 0 : g.bbox.minX));
  });
  const head = rawTable(font, 'head');
  const headView = new DataView(head.buffer, head.byteOffset, head.length);
  headView.setUint32(8, 0); // checkSumAdjustment, set by sfnt()
  headView.setInt16(50, 1); // indexToLocFormat: long offsets
  const hhea = rawTable(font, 'hhea');
  new DataView(hhea.buffer, hhea.byteOffset, hhea.length).setUint16(34, glyphs.length);
  const maxp = rawTable(font, 'maxp');
  new DataView(maxp.buffer, maxp.byteOffset, maxp.length).setUint16(4, glyphs.length);
  // post format 3: no glyph names.
  const post = rawTable(font, 'post').slice(0, 32);
  new DataView(post.buffer, post.byteOffset, post.length).setUint32(0, 0x00030000);
  return sfnt({
    head,
    hhea,
    maxp,
    'OS/2': rawTable(font, 'OS/2'),
    name: rawTable(font, 'name'),
    post,
    cmap: cmapTable(codePoints.map((cp, i) => [cp, i + 1] as const)),
    hmtx: new Uint8Array(hmtx.buffer),
    loca: new Uint8Array(loca.buffer),
    glyf: concat(outlines),
  });
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The text of the generated module. */
export function generateFontData(): string {
  const regular = subsetFont(FONT_FILES.regular);
  const bold = subsetFont(FONT_FILES.bold);
  return `// Generated by shared/scripts/fontFile.ts from ${FONT_FILES.regular} and ${FONT_FILES.bold}
// (Inter, SIL Open Font License 1.1: https://github.com/rsms/inter/blob/master/LICENSE.txt).
// TrueType subsets of the characters the metrics cover, plus U+25A1. Do not edit: run the script.
// prettier-ignore
export const FONT_TTF_BASE64 = {
  regular: '${base64(regular)}',
  bold: '${base64(bold)}',
} as const;
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(FONT_DATA_OUTPUT, generateFontData());
  console.log(`wrote ${FONT_DATA_OUTPUT}`);
}
