import type { MapSnapshot, Step } from '../model/types.js';
import { GEOMETRY } from './constants.js';
import { stepBox } from './stepBox.js';

export { GEOMETRY };

export interface LaneBand {
  readonly partner: string;
  /** Top of the lane in map coordinates. */
  readonly top: number;
  readonly height: number;
}

/**
 * Lanes stacked top to bottom in snapshot order; each is tall enough for its lowest
 * step (its box as its label makes it, `stepBox`) plus `lanePadding`. A step's absolute
 * y is `lane.top + step.y`.
 */
export function laneBands(map: MapSnapshot): LaneBand[] {
  const bottom = new Map<string, number>();
  for (const s of map.steps) {
    bottom.set(s.partner, Math.max(bottom.get(s.partner) ?? 0, s.y + stepBox(s).height));
  }
  let top = 0;
  return map.partners.map((p) => {
    const height = Math.max(GEOMETRY.laneMinHeight, (bottom.get(p.id) ?? 0) + GEOMETRY.lanePadding);
    const band = { partner: p.id, top, height };
    top += height;
    return band;
  });
}

/** The absolute position of a step's top-left corner. */
export function absolutePosition(step: Step, bands: ReadonlyMap<string, LaneBand>): { x: number; y: number } {
  return { x: step.x, y: (bands.get(step.partner)?.top ?? 0) + step.y };
}
