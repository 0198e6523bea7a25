/** Builds a drawing's groups and texts; remembers whether a character had to be substituted (SH-X4). */
import { FONT_METRICS } from '../text/fontMetrics.generated.js';
import { substitute } from './glyphs.js';
import type { Group, PathPrimitive, Primitive, TextPrimitive } from './types.js';

const ASCENT = FONT_METRICS.ascender / FONT_METRICS.unitsPerEm;
const DESCENT = -FONT_METRICS.descender / FONT_METRICS.unitsPerEm;

/**
 * The baseline of a line of text of `size` in a line box of `lineHeight` whose top is `top`,
 * where CSS puts it (half the leading above the font's ascent), so that text sits as on the canvas.
 */
export function baseline(top: number, size: number, lineHeight: number): number {
  return top + (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
}

export class Sketch {
  readonly groups: Group[] = [];
  substituted = false;

  add(role: string, items: readonly Primitive[], id?: string): void {
    if (items.length > 0) this.groups.push(id === undefined ? { role, items } : { role, id, items });
  }

  /**
   * A line of text; characters the font lacks are substituted and the original kept. `whole` is
   * the label the line is part of when the line ends in an ellipsis (kept as the original too,
   * and, as the font draws it, as the line's `whole`).
   */
  text(
    x: number,
    y: number,
    text: string,
    style: Pick<TextPrimitive, 'size' | 'weight' | 'color' | 'anchor'>,
    whole?: string,
  ): TextPrimitive {
    const drawn = substitute(text);
    if (drawn.substituted) this.substituted = true;
    const cut = whole !== undefined && whole !== text;
    const original = cut ? whole : text;
    const line: TextPrimitive =
      drawn.text === original
        ? { type: 'text', x, y, text, ...style }
        : { type: 'text', x, y, text: drawn.text, original, ...style };
    return cut ? { ...line, whole: substitute(whole).text } : line;
  }
}

export const path = (d: PathPrimitive['d'], style: Omit<PathPrimitive, 'type' | 'd'>): PathPrimitive => ({
  type: 'path',
  d,
  ...style,
});
