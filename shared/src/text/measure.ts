import { FONT_METRICS } from './fontMetrics.generated.js';

/** The font weights whose metrics ship with shared (rule SH-T1). */
export type FontWeight = keyof typeof FONT_METRICS.widths;

/** The project's one font, as CSS and the export renderers name it. */
export const FONT_FAMILY = FONT_METRICS.family;

/** Width, in font units, of a character the font does not have (about a capital letter). */
const MISSING = Math.round(FONT_METRICS.unitsPerEm * 0.65);

const tables = new Map<FontWeight, Map<number, number>>(
  (Object.keys(FONT_METRICS.widths) as FontWeight[]).map((weight) => {
    const table = new Map<number, number>();
    for (const [first, widths] of FONT_METRICS.widths[weight]) {
      widths.forEach((w, i) => {
        if (w >= 0) table.set(first + i, w);
      });
    }
    return [weight, table];
  }),
);

/**
 * The width of `text` set on one line in the project's font at `fontSize` px, from the
 * font's own advance widths (no kerning: the canvas turns kerning off, so it sets text
 * exactly this wide). Characters the metrics do not cover count as a capital letter.
 */
export function measureText(text: string, fontSize: number, weight: FontWeight = 'regular'): number {
  const table = tables.get(weight) as Map<number, number>;
  let units = 0;
  for (const ch of text) units += table.get(ch.codePointAt(0) as number) ?? MISSING;
  return (units * fontSize) / FONT_METRICS.unitsPerEm;
}

/** Whether the project's font (as the metrics cover it, SH-T1) has a glyph for this code point. */
export function hasGlyph(codePoint: number): boolean {
  return (tables.get('regular') as Map<number, number>).has(codePoint);
}

/** A label broken into lines (rule SH-T2). */
export interface WrappedLabel {
  readonly lines: readonly string[];
  /** The width of the widest line. */
  readonly width: number;
  /** Whether text was left out (the last line then ends in an ellipsis). */
  readonly truncated: boolean;
}

const ELLIPSIS = '\u2026';

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth` (rule SH-T2): at spaces,
 * whole words first; a word wider than a line on its own is broken between characters; only
 * when the text needs more than `maxLines` lines does the last line end in an ellipsis. Runs of
 * white space count as one space; an empty label has no lines.
 */
export function wrapLabel(
  text: string,
  fontSize: number,
  maxWidth: number,
  maxLines: number,
  weight: FontWeight = 'regular',
): WrappedLabel {
  const width = (s: string): number => measureText(s, fontSize, weight);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const joined = line ? `${line} ${word}` : word;
    if (width(joined) <= maxWidth) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    // A word too wide for a line of its own is cut where the line is full.
    let rest = word;
    while (width(rest) > maxWidth) {
      const cut = fitChars(rest, maxWidth, width);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  const limit = Math.max(1, Math.floor(maxLines));
  if (lines.length <= limit) return { lines, width: widest(lines, width), truncated: false };
  const kept = lines.slice(0, limit);
  const last = kept.length - 1;
  kept[last] = withEllipsis(lines.slice(last).join(' '), maxWidth, width);
  return { lines: kept, width: widest(kept, width), truncated: true };
}

/** How many leading characters (at least one, whole code points) of `s` fit in `maxWidth`. */
function fitChars(s: string, maxWidth: number, width: (s: string) => number): number {
  const chars = [...s];
  let fit = 1;
  while (fit < chars.length && width(chars.slice(0, fit + 1).join('')) <= maxWidth) fit++;
  return chars.slice(0, fit).join('').length;
}

/** The longest start of `s` that, with an ellipsis after it, fits in `maxWidth`. */
function withEllipsis(s: string, maxWidth: number, width: (s: string) => number): string {
  const chars = [...s];
  let n = chars.length;
  while (n > 0 && width(`${chars.slice(0, n).join('').trimEnd()}${ELLIPSIS}`) > maxWidth) n--;
  return `${chars.slice(0, n).join('').trimEnd()}${ELLIPSIS}`;
}

function widest(lines: readonly string[], width: (s: string) => number): number {
  return lines.reduce((max, l) => Math.max(max, width(l)), 0);
}
