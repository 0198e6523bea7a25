/**
 * Reading exported files back, for the API tests and the browser test: the text of a PDF and
 * its page sizes and fonts (pdf.js through unpdf), the texts of an SVG (parsed as XML), the
 * pixels of a PNG (fast-png), and what of a map must be in them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decode } from 'fast-png';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Drawing, PathPrimitive, TextPrimitive } from '@ketenkaart/shared/render';

/** Every text line a drawing draws (what must be findable in the file), without the status marks. */
export const drawnTexts = (d: Drawing): string[] =>
  d.groups.flatMap((g) =>
    g.items.filter((p): p is TextPrimitive => p.type === 'text' && p.text !== '!').map((p) => p.text),
  );

const squash = (s: string): string => s.replace(/\s+/g, '');

/** The lines of `expected` not found in `text` (white space ignored). */
export function missing(text: string, expected: readonly string[]): string[] {
  const all = squash(text);
  return expected.filter((line) => !all.includes(squash(line)));
}

export interface PdfFacts {
  readonly pages: readonly { width: number; height: number }[];
  readonly text: string;
  /** Whether every font is embedded (a FontFile2 per font, no standard font referenced). */
  readonly fontsEmbedded: boolean;
  readonly fontNames: readonly string[];
}

export async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const raw = new TextDecoder('latin1').decode(bytes);
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: { width: number; height: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const [x0, y0, x1, y1] = (await pdf.getPage(i)).view as [number, number, number, number];
    pages.push({ width: x1 - x0, height: y1 - y0 });
  }
  const { text } = await extractText(pdf, { mergePages: true });
  const fontNames = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] as string);
  const files = raw.match(/\/FontFile2 /g)?.length ?? 0;
  const standard = /\/Subtype \/Type1/.test(raw);
  return {
    pages,
    text,
    fontNames,
    fontsEmbedded: fontNames.length > 0 && files >= new Set(fontNames).size && !standard,
  };
}

export interface SvgFacts {
  readonly texts: readonly string[];
  /** Elements or attributes an SVG must not have: script, handlers, foreignObject, links. */
  readonly unsafe: readonly string[];
  readonly width: number;
  readonly height: number;
}

export function svgFacts(svg: string): SvgFacts {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    preserveOrder: true,
    trimValues: false,
  });
  const texts: string[] = [];
  const unsafe: string[] = [];
  let width = 0;
  let height = 0;
  const walk = (node: unknown, inText: boolean, inTitle: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inText, inTitle));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '#text') {
        if (inText && !inTitle) texts.push(unescapeXml(String(value)));
      } else if (key === ':@') {
        for (const [attr, v] of Object.entries(value as Record<string, string>)) {
          if (/^@on/i.test(attr) || /href$/i.test(attr)) unsafe.push(attr);
          if (attr === '@width' && width === 0) width = Number(v);
          if (attr === '@height' && height === 0) height = Number(v);
        }
      } else {
        if (/^(script|foreignObject|iframe|a|image|use)$/i.test(key)) unsafe.push(key);
        walk(value, inText || key === 'text', inTitle || key === 'title');
      }
    }
  };
  walk(parser.parse(svg), false, false);
  return { texts, unsafe, width, height };
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface PngFacts {
  readonly width: number;
  readonly height: number;
  /** [r, g, b, a] at a pixel. */
  pixel(x: number, y: number): [number, number, number, number];
}

export function pngFacts(bytes: Uint8Array): PngFacts {
  const image = decode(bytes);
  const channels = image.channels;
  const data = image.data;
  return {
    width: image.width,
    height: image.height,
    pixel: (x, y) => {
      const i = (Math.round(y) * image.width + Math.round(x)) * channels;
      const v = (k: number): number => Number(data[i + k] ?? 0);
      return channels === 4 ? [v(0), v(1), v(2), v(3)] : [v(0), v(1), v(2), 255];
    },
  };
}

/**
 * The flows not in the PNG: along each flow's line (five points of every straight run, in
 * drawing units, times `scale`, plus `offset`) and on its arrowhead, some pixel must have the
 * flow's colour. (Two flows into one step share the end of their line; a koppelvlak drawn over
 * another flow hides a part of it, never all.)
 */
export function flowsMissingInPng(d: Drawing, png: PngFacts, scale: number, offset = { x: 0, y: 0 }): string[] {
  const lost: string[] = [];
  for (const g of d.groups) {
    if (g.role !== 'flow') continue;
    const [line, head] = g.items as [PathPrimitive, PathPrimitive];
    const color = head.fill ?? '#000000';
    const want = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const corners = line.d.flatMap((s) => ('x' in s ? [{ x: s.x, y: s.y }] : []));
    // Points along every run (its label covers the middle of one, a crossing flow a spot).
    const samples = corners.slice(1).flatMap((p, i) =>
      [0.2, 0.35, 0.5, 0.65, 0.8].map((t) => ({
        x: corners[i]!.x + (p.x - corners[i]!.x) * t,
        y: corners[i]!.y + (p.y - corners[i]!.y) * t,
      })),
    );
    const tips = head.d.flatMap((s) => ('x' in s ? [{ x: s.x, y: s.y }] : []));
    samples.push({
      x: tips.reduce((n, p) => n + p.x, 0) / tips.length,
      y: tips.reduce((n, p) => n + p.y, 0) / tips.length,
    });
    // Each point and the pixels up to 2 px around it: a thin line's anti-aliased edge is pale.
    const off = (c: [number, number, number, number]): number =>
      Math.abs(c[0] - want[0]!) + Math.abs(c[1] - want[1]!) + Math.abs(c[2] - want[2]!);
    const seen = samples.map((p) => {
      let best = png.pixel(offset.x + p.x * scale, offset.y + p.y * scale);
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const c = png.pixel(offset.x + p.x * scale + dx, offset.y + p.y * scale + dy);
          if (off(c) < off(best)) best = c;
        }
      return best;
    });
    const near = seen.some((c) => off(c) < 90);
    if (!near) lost.push(`${g.id ?? '?'}: none of ${JSON.stringify(seen)} is ${color}`);
  }
  return lost;
}
