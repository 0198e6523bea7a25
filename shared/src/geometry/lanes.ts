import type { MapSnapshot, Step } from '../model/types.js';

/** Drawing constants shared by the editor, the SVG renderer and the placement (rule SH-M4). */
export const GEOMETRY = {
  stepWidth: 180,
  stepHeight: 64,
  /** Space above and below the steps inside a lane. */
  lanePadding: 24,
  laneMinHeight: 140,
  /** Width of the lane header that holds the partner's name. */
  laneHeaderWidth: 160,
  /** Horizontal distance between ranks in the simple placement. */
  columnGap: 80,
  rowGap: 24,
} as const;

export interface LaneBand {
  readonly partner: string;
  /** Top of the lane in map coordinates. */
  readonly top: number;
  readonly height: number;
}

/**
 * Lanes stacked top to bottom in snapshot order; each is tall enough for its lowest
 * step. A step's absolute y is `lane.top + step.y`.
 */
export function laneBands(map: MapSnapshot): LaneBand[] {
  const bottom = new Map<string, number>();
  for (const s of map.steps) {
    bottom.set(s.partner, Math.max(bottom.get(s.partner) ?? 0, s.y + GEOMETRY.stepHeight));
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
