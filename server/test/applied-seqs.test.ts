import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { AppliedSeqs } from '../src/rooms/applied-seqs.js';

describe('[SV-N3] the seqs a room holds', () => {
  it('keeps the watermark below the first seq it lacks, and reports the gap', () => {
    const s = new AppliedSeqs(true, 4);
    s.mark(5);
    expect([s.watermark, s.hasGap]).toEqual([5, false]);
    s.mark(7);
    s.mark(8);
    expect([s.watermark, s.hasGap, s.highest]).toEqual([5, true, 8]);
    expect([s.has(3), s.has(6), s.has(7)]).toEqual([true, false, true]);
    s.mark(6);
    expect([s.watermark, s.hasGap]).toEqual([8, false]);
    s.mark(2);
    expect(s.watermark).toBe(8);
  });

  it('a reload of the whole stored document covers everything up to its last seq', () => {
    const s = new AppliedSeqs(true, 1);
    s.mark(4);
    s.mark(9);
    s.markThrough(5);
    expect([s.watermark, s.hasGap, s.has(9)]).toEqual([5, true, true]);
    s.markThrough(8);
    expect([s.watermark, s.hasGap]).toEqual([9, false]);
  });

  it('with one instance the watermark is the highest seq seen (a backend may number with gaps)', () => {
    const s = new AppliedSeqs(false, 3);
    s.mark(10);
    expect([s.watermark, s.hasGap]).toEqual([10, false]);
  });

  it('in any order of arrival, the watermark is the longest run of seqs from the start (seed 16)', () => {
    const gen = prng.create(16);
    for (let round = 0; round < 50; round++) {
      const n = prng.uint32(gen, 1, 40);
      const seqs = Array.from({ length: n }, (_, i) => i + 1);
      for (let i = n - 1; i > 0; i--) {
        const j = prng.uint32(gen, 0, i);
        [seqs[i], seqs[j]] = [seqs[j]!, seqs[i]!];
      }
      const held = seqs.slice(0, prng.uint32(gen, 0, n));
      const s = new AppliedSeqs(true);
      for (const q of held) s.mark(q);
      let run = 0;
      while (held.includes(run + 1)) run++;
      expect(s.watermark).toBe(run);
      expect(s.hasGap).toBe(held.length > run);
    }
  });
});
