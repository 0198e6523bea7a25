/**
 * Characters the embedded font has no glyph for (rule SH-X4): emoji, CJK, other scripts. They
 * are drawn as a visible substitute mark, never dropped: the SVG keeps the original text as the
 * label's title, and the legend says what the mark means.
 */
import { hasGlyph } from '../text/measure.js';

/** U+25A1 WHITE SQUARE: in the embedded font, and plainly not a letter. */
export const SUBSTITUTE = '\u25a1';

/**
 * `text` with every character the font lacks replaced by `SUBSTITUTE`; an emoji made of several
 * code points (joiners, variation selectors, skin tones) becomes one mark. Control characters
 * become a space.
 */
export function substitute(text: string): { text: string; substituted: boolean } {
  let out = '';
  let substituted = false;
  // After a mark: whether a joiner came last (the next character is part of the same emoji).
  let state: 'none' | 'mark' | 'joiner' = 'none';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      out += ' ';
      state = 'none';
    } else if (hasGlyph(cp)) {
      out += ch;
      state = 'none';
    } else if (state === 'joiner') {
      state = 'mark';
    } else if (state === 'mark' && isJoining(cp)) {
      if (cp === 0x200d) state = 'joiner';
    } else {
      out += SUBSTITUTE;
      substituted = true;
      state = 'mark';
    }
  }
  return { text: out, substituted };
}

/** Code points that join or modify the one before into one emoji. */
function isJoining(cp: number): boolean {
  return (
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0x1f1e6 && cp <= 0x1f1ff)
  );
}
