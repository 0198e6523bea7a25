import { GEOMETRY, type LaneBand } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import { laneAt, laneIndexAt } from '../src/canvas/drag/laneHitTest';

const bands: LaneBand[] = [
  { partner: 'a', top: 0, height: 140 },
  { partner: 'b', top: 140, height: 200 },
  { partner: '~unassigned', top: 340, height: 140 },
];
const half = GEOMETRY.stepHeight / 2;

describe('laneAt', () => {
  it('[CL-L1] the lane under the step’s vertical centre wins, with y relative to that lane', () => {
    expect(laneAt(bands, 20)).toEqual({ partner: 'a', y: 20 });
    expect(laneAt(bands, 140 - half - 1)).toEqual({ partner: 'a', y: 140 - half - 1 });
    expect(laneAt(bands, 140 - half)).toEqual({ partner: 'b', y: 0 });
    expect(laneAt(bands, 200)).toEqual({ partner: 'b', y: 60 });
  });

  it('[CL-L2] above the first lane is the first lane (y clamped to 0), below the last is the last', () => {
    expect(laneAt(bands, -500)).toEqual({ partner: 'a', y: 0 });
    expect(laneAt(bands, 5_000)).toEqual({ partner: '~unassigned', y: 5_000 - 340 });
  });

  it('[CL-L3] lanes the caller excludes (the unassigned lane) are never chosen', () => {
    const real = (p: string): boolean => !p.startsWith('~');
    expect(laneAt(bands, 400, real)).toEqual({ partner: 'b', y: 260 });
    expect(laneAt([], 10)).toBeNull();
  });

  it('[CL-L4] rounds to whole pixels', () => {
    expect(laneAt(bands, 20.6)).toEqual({ partner: 'a', y: 21 });
  });
});

describe('laneIndexAt', () => {
  it('[CL-L5] a dragged lane lands after every lane whose centre is above its own centre', () => {
    expect(laneIndexAt(bands, 'a', 0)).toBe(0);
    expect(laneIndexAt(bands, 'a', 200)).toBe(1);
    expect(laneIndexAt(bands, 'a', 900)).toBe(2);
    expect(laneIndexAt(bands, 'b', -300)).toBe(0);
  });
});
