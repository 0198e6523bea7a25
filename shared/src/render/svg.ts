/**
 * The SVG writer (rule SH-X5): vector, text stays text, self-contained (the font embedded as
 * TrueType in an `@font-face`), no script, no event handler, no `foreignObject`, every text
 * and attribute value escaped.
 */
import { FONT_FAMILY } from '../text/measure.js';
import { FONT_TTF_BASE64 } from './fontData.generated.js';
import type { Drawing, PathSegment, Primitive } from './types.js';

/** The family the SVG declares for its embedded font; named apart so that an installed Inter of another version is not used instead. */
export const SVG_FONT_FAMILY = 'Ketenkaart Inter';

export interface SvgOptions {
  /** Leave out the white background (PNG with a transparent background). */
  readonly transparent?: boolean;
  /** Output size as a multiple of the drawing's (default 1: one pixel per map unit). */
  readonly scale?: number;
  /** A page of this size (in output units) with the drawing fitted inside its margins, centred. */
  readonly page?: { readonly width: number; readonly height: number; readonly margin: number };
  /** Embed the font (default true). A rasteriser given the font directly does without. */
  readonly embedFont?: boolean;
}

/** Where a drawing goes on a page: its scale and offset, fitted inside the margins and centred. */
export function fitOnPage(
  drawing: { readonly width: number; readonly height: number },
  page: { readonly width: number; readonly height: number; readonly margin: number },
): { scale: number; x: number; y: number } {
  const w = Math.max(1, page.width - 2 * page.margin);
  const h = Math.max(1, page.height - 2 * page.margin);
  const scale = Math.min(w / drawing.width, h / drawing.height);
  return { scale, x: (page.width - drawing.width * scale) / 2, y: (page.height - drawing.height * scale) / 2 };
}

const n = (v: number): string => String(Math.round(v * 100) / 100);

/** Text safe in XML content and attribute values: markup escaped, characters XML forbids replaced. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function pathData(d: readonly PathSegment[]): string {
  return d
    .map((s) =>
      s.op === 'Z'
        ? 'Z'
        : s.op === 'C'
          ? `C${n(s.x1)} ${n(s.y1)} ${n(s.x2)} ${n(s.y2)} ${n(s.x)} ${n(s.y)}`
          : `${s.op}${n(s.x)} ${n(s.y)}`,
    )
    .join('');
}

function primitive(p: Primitive): string {
  if (p.type === 'path') {
    const attrs = [`d="${pathData(p.d)}"`, `fill="${p.fill ?? 'none'}"`];
    if (p.stroke) attrs.push(`stroke="${p.stroke}"`, `stroke-width="${n(p.strokeWidth ?? 1)}"`);
    if (p.dash) attrs.push(`stroke-dasharray="${p.dash.map(n).join(' ')}"`);
    return `<path ${attrs.join(' ')}/>`;
  }
  const anchor = p.anchor === 'start' ? '' : ` text-anchor="${p.anchor}"`;
  const weight = p.weight === 'bold' ? ' font-weight="700"' : '';
  const title = p.original === undefined ? '' : `<title>${escapeXml(p.original)}</title>`;
  return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${n(p.size)}"${weight}${anchor} fill="${p.color}">${title}${escapeXml(p.text)}</text>`;
}

function fontFaces(): string {
  const face = (weight: number, data: string) =>
    `@font-face{font-family:'${SVG_FONT_FAMILY}';font-weight:${weight};src:url(data:font/ttf;base64,${data}) format('truetype')}`;
  return `<style>${face(400, FONT_TTF_BASE64.regular)}${face(700, FONT_TTF_BASE64.bold)}</style>`;
}

/** The drawing as a standalone SVG document. */
export function toSvg(drawing: Drawing, options: SvgOptions = {}): string {
  const page = options.page;
  const fit = page ? fitOnPage(drawing, page) : { scale: options.scale ?? 1, x: 0, y: 0 };
  const width = page ? page.width : drawing.width * fit.scale;
  const height = page ? page.height : drawing.height * fit.scale;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">`,
  ];
  if (options.embedFont !== false) out.push(`<defs>${fontFaces()}</defs>`);
  if (page && !options.transparent) out.push(`<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`);
  out.push(
    `<g transform="translate(${n(fit.x)} ${n(fit.y)}) scale(${fit.scale})" font-family="'${SVG_FONT_FAMILY}', ${FONT_FAMILY}, sans-serif" style="font-kerning:none;font-variant-ligatures:none">`,
  );
  for (const g of drawing.groups) {
    if (options.transparent && g.role === 'background') continue;
    const id = g.id === undefined ? '' : ` data-id="${escapeXml(g.id)}"`;
    out.push(`<g class="kk-${g.role}"${id}>${g.items.map(primitive).join('')}</g>`);
  }
  out.push('</g></svg>');
  return out.join('\n');
}
