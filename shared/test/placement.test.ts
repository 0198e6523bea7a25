import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { freeSpot, GEOMETRY, type LaneBox } from '../src/index.js';

const W = GEOMETRY.stepWidth;
const H = GEOMETRY.stepHeight;

/** Whether two step boxes touch (share any point). */
function touch(a: LaneBox, b: LaneBox): boolean {
  return a.x < b.x + W && b.x < a.x + W && a.y < b.y + H && b.y < a.y + H;
}

describe('a free spot in a lane', () => {
  it('[SH-P1] is the wanted place when nothing is there', () => {
    expect(freeSpot([], { x: 400, y: 30 })).toEqual({ x: 400, y: 30 });
    expect(freeSpot([{ x: 700, y: 24 }], { x: 400.4, y: 23.6 })).toEqual({ x: 400, y: 24 });
    expect(freeSpot([], { x: 400, y: -20 })).toEqual({ x: 400, y: 0 });
  });

  it('[SH-P1] else keeps x and takes the first free row from the top', () => {
    const row = (k: number): number => GEOMETRY.lanePadding + k * (H + GEOMETRY.rowGap);
    expect(freeSpot([{ x: 420, y: row(0) }], { x: 400, y: row(0) })).toEqual({ x: 400, y: row(1) });
    expect(
      freeSpot(
        [
          { x: 420, y: row(0) },
          { x: 380, y: row(1) },
        ],
        { x: 400, y: 30 },
      ),
    ).toEqual({ x: 400, y: row(2) });
    // A tall neighbour blocks more than one row.
    expect(freeSpot([{ x: 400, y: 0, width: W, height: 300 }], { x: 400, y: 0 }).y).toBeGreaterThanOrEqual(300);
  });

  it('[SH-P1] never touches another step (seeded random lanes)', () => {
    const seed = 11;
    const gen = prng.create(seed);
    for (let run = 0; run < 200; run++) {
      const others: LaneBox[] = Array.from({ length: prng.uint32(gen, 0, 12) }, () => ({
        x: prng.uint32(gen, 0, 1200),
        y: prng.uint32(gen, 0, 400),
      }));
      const want = { x: prng.uint32(gen, 0, 1200), y: prng.uint32(gen, 0, 400) };
      const spot = freeSpot(others, want);
      expect(spot.x, `seed ${seed} run ${run}`).toBe(want.x);
      for (const o of others)
        expect(touch(spot, o), `seed ${seed} run ${run}: ${JSON.stringify({ spot, o })}`).toBe(false);
    }
  });
});
