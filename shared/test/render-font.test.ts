import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_DATA_OUTPUT, generateFontData, SUBSTITUTE_CODE_POINT } from '../scripts/fontFile.js';
import { measureText } from '../src/index.js';
import { FONT_TTF_BASE64 } from '../src/render/index.js';

describe('the embedded font', () => {
  it('[SH-X5] the committed font module is what the script writes from the font files', () => {
    expect(readFileSync(FONT_DATA_OUTPUT, 'utf8')).toBe(generateFontData());
  });

  it('[SH-X5] is TrueType with a glyph for every character the metrics cover, at their widths', () => {
    for (const weight of ['regular', 'bold'] as const) {
      const font = create(Buffer.from(FONT_TTF_BASE64[weight], 'base64'));
      if (!('glyphForCodePoint' in font)) throw new Error('not one font');
      expect(font.familyName).toBe('Inter');
      for (const ch of 'Aé€Ĳ—…ß') {
        const cp = ch.codePointAt(0)!;
        expect(font.hasGlyphForCodePoint(cp), ch).toBe(true);
        const glyph = font.glyphForCodePoint(cp);
        expect((glyph.advanceWidth * 15) / font.unitsPerEm).toBeCloseTo(measureText(ch, 15, weight), 6);
        expect(glyph.path.commands.length, ch).toBeGreaterThan(2);
      }
      expect(font.hasGlyphForCodePoint(SUBSTITUTE_CODE_POINT)).toBe(true);
      expect(font.hasGlyphForCodePoint(0x4e00)).toBe(false);
    }
  });
});
