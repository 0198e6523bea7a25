import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { generateFontMetrics, OUTPUT } from '../scripts/fontMetrics.js';
import { GEOMETRY, measureText, stepBox, wrapLabel } from '../src/index.js';

describe('font metrics', () => {
  it('[SH-T1] the committed metrics module is what the script reads from the font file', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateFontMetrics());
  });

  it('[SH-T1] widths come from the font: wider letters measure wider, size scales linearly', () => {
    expect(measureText('W', 10)).toBeGreaterThan(measureText('i', 10));
    expect(measureText('Polisadministratie', 30)).toBeCloseTo(2 * measureText('Polisadministratie', 15), 6);
    expect(measureText('', 15)).toBe(0);
    // Accented letters have their own advances (é as wide as e in Inter; Ĳ is one wide glyph).
    expect(measureText('é', 15)).toBeCloseTo(measureText('e', 15), 6);
    expect(measureText('Ĳ', 15)).toBeGreaterThan(measureText('I', 15));
    // Bold is wider than regular.
    expect(measureText('Belastingdienst', 15, 'bold')).toBeGreaterThan(measureText('Belastingdienst', 15));
  });

  it('[SH-T1] a character the metrics do not cover counts as a capital letter, never as nothing', () => {
    const w = measureText('字', 15);
    expect(w).toBeGreaterThan(measureText('i', 15));
    expect(Number.isFinite(w)).toBe(true);
  });
});

describe('wrapLabel', () => {
  const width = (s: string): number => measureText(s, 15);

  it('[SH-T2] breaks at spaces, whole words, each line within the width', () => {
    const w = wrapLabel('Gegevens uit de loonaangifte', 15, 140, 3);
    expect(w.lines).toEqual(['Gegevens uit de', 'loonaangifte']);
    expect(w.truncated).toBe(false);
    for (const line of w.lines) expect(width(line)).toBeLessThanOrEqual(140);
    expect(w.width).toBeCloseTo(Math.max(...w.lines.map(width)), 6);
    expect(wrapLabel('Polisadministratie bijwerken', 15, 156, 3).lines).toEqual(['Polisadministratie', 'bijwerken']);
    expect(wrapLabel('Polisadministratie bijwerken', 15, 400, 3).lines).toEqual(['Polisadministratie bijwerken']);
  });

  it('[SH-T2] accents are measured and kept', () => {
    const w = wrapLabel('Beëindiging café-uitkering één ĳsselmeer Ærø Łódź', 15, 120, 5);
    expect(w.lines.join(' ')).toBe('Beëindiging café-uitkering één ĳsselmeer Ærø Łódź');
    for (const line of w.lines) expect(width(line)).toBeLessThanOrEqual(120);
  });

  it('[SH-T2] a word too long for a line is broken between characters, nothing lost', () => {
    const w = wrapLabel('Arbeidsongeschiktheidsverzekeringsadministratie bijwerken', 15, 120, 5);
    expect(w.lines.length).toBeGreaterThan(2);
    expect(w.lines.join('')).toBe('Arbeidsongeschiktheidsverzekeringsadministratiebijwerken');
    expect(w.lines[w.lines.length - 1]).toBe('bijwerken');
    for (const line of w.lines) expect(width(line)).toBeLessThanOrEqual(120);
    // Even a width narrower than one letter gives one letter per line, never an endless loop.
    expect(wrapLabel('abc', 15, 1, 10).lines).toEqual(['a', 'b', 'c']);
  });

  it('[SH-T2] an ellipsis only when the text needs more than maxLines', () => {
    const text = 'Uitkering of toeslag vaststellen op basis van de polisgegevens';
    const all = wrapLabel(text, 15, 150, 10);
    expect(all.truncated).toBe(false);
    expect(all.lines.some((l) => l.endsWith('…'))).toBe(false);
    const cut = wrapLabel(text, 15, 150, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[0]).toBe(all.lines[0]);
    expect(cut.lines[1]?.endsWith('…')).toBe(true);
    expect(width(cut.lines[1] ?? '')).toBeLessThanOrEqual(150);
    // Exactly maxLines lines: no ellipsis.
    expect(wrapLabel(text, 15, 150, all.lines.length).truncated).toBe(false);
  });

  it('[SH-T2] runs of white space count as one space; an empty label has no lines', () => {
    expect(wrapLabel('  Loonaangifte \n\t opstellen ', 15, 400, 2).lines).toEqual(['Loonaangifte opstellen']);
    expect(wrapLabel('', 15, 100, 2)).toEqual({ lines: [], width: 0, truncated: false });
    expect(wrapLabel('   ', 15, 100, 2).lines).toEqual([]);
  });

  it('[SH-T2] random labels: lines fit, words stay whole where they can, nothing but overflow is lost (seeded)', () => {
    const seed = 1234;
    const gen = prng.create(seed);
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: prng.uint32(gen, 1, 12) }, () => prng.word(gen, 1, 24));
      const text = words.join(' ');
      const maxWidth = prng.uint32(gen, 40, 300);
      const w = wrapLabel(text, 15, maxWidth, 100);
      const context = `seed ${seed}, case ${i}: ${JSON.stringify(text)} in ${maxWidth}`;
      expect(w.truncated, context).toBe(false);
      expect(w.lines.join('').replace(/ /g, ''), context).toBe(words.join(''));
      for (const line of w.lines) {
        expect(width(line), context).toBeLessThanOrEqual(maxWidth);
        expect(line, context).toBe(line.trim());
      }
      // A word that fits on a line is never split.
      const pieces = w.lines.flatMap((l) => l.split(' '));
      for (const word of words.filter((x) => width(x) <= maxWidth)) expect(pieces, context).toContain(word);
    }
  });
});

describe('stepBox', () => {
  it('[SH-T3] a short label keeps the smallest box; the box holds its lines', () => {
    const box = stepBox({ label: 'Publicatie', kind: 'activity' });
    expect(box).toMatchObject({ width: GEOMETRY.stepWidth, height: GEOMETRY.stepHeight, lines: ['Publicatie'] });
    for (const kind of ['start', 'activity', 'decision', 'register', 'end'] as const) {
      const b = stepBox({ label: 'Gegevens uit de loonaangifte', kind });
      expect(b.width).toBeGreaterThanOrEqual(GEOMETRY.stepWidth);
      expect(b.width).toBeLessThanOrEqual(GEOMETRY.stepMaxWidth);
      expect(b.height).toBeGreaterThanOrEqual(b.lines.length * GEOMETRY.labelLineHeight);
      for (const line of b.lines) expect(measureText(line, GEOMETRY.labelFontSize)).toBeLessThan(b.width);
      expect(b.lines.join(' ')).toBe('Gegevens uit de loonaangifte');
    }
  });

  it('[SH-T3] a box grows wider for a long word and taller for more lines, up to a maximum', () => {
    const word = stepBox({ label: 'Inkomstenverhoudingsgegevens', kind: 'activity' });
    expect(word.width).toBeGreaterThan(GEOMETRY.stepWidth);
    expect(word.lines).toEqual(['Inkomstenverhoudingsgegevens']);
    const long = stepBox({
      label: 'Een heel lange omschrijving van een stap die veel te lang is voor één doos',
      kind: 'activity',
    });
    expect(long.width).toBe(GEOMETRY.stepMaxWidth);
    expect(long.lines.length).toBeLessThanOrEqual(GEOMETRY.labelMaxLines);
    expect(long.height).toBeGreaterThan(GEOMETRY.stepHeight);
    const huge = stepBox({ label: 'woord '.repeat(60), kind: 'end' });
    expect(huge.truncated).toBe(true);
    expect(huge.lines[huge.lines.length - 1]?.endsWith('…')).toBe(true);
  });

  it('[SH-T3] a decision diamond holds its label rectangle', () => {
    for (const label of ['Aangifte controleren', 'Correct?', 'Gegevens uit de loonaangifte compleet']) {
      const b = stepBox({ label, kind: 'decision' });
      const w = Math.max(...b.lines.map((l) => measureText(l, GEOMETRY.labelFontSize)));
      const h = b.lines.length * GEOMETRY.labelLineHeight;
      expect(w / b.width + h / b.height, label).toBeLessThanOrEqual(1);
    }
  });
});
