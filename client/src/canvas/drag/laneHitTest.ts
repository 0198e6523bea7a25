import { GEOMETRY, type LaneBand } from '@ketenkaart/shared';

/** Where a step dropped at an absolute position belongs: its lane and its y relative to that lane. */
export interface LanePlacement {
  readonly partner: string;
  readonly y: number;
}

/**
 * The lane under a step whose top-left corner is at absolute `y`, judged by the
 * step's vertical centre. Above the first lane means the first, below the last
 * means the last. `y` is clamped to 0 inside the lane. Returns null when there
 * are no lanes (or only ones the caller excluded).
 */
export function laneAt(
  bands: readonly LaneBand[],
  absoluteY: number,
  accept: (partner: string) => boolean = () => true,
): LanePlacement | null {
  const usable = bands.filter((b) => accept(b.partner));
  if (usable.length === 0) return null;
  const centre = absoluteY + GEOMETRY.stepHeight / 2;
  let hit = usable.find((b) => centre >= b.top && centre < b.top + b.height);
  if (!hit) {
    const first = usable[0] as LaneBand;
    const last = usable[usable.length - 1] as LaneBand;
    hit = centre < first.top ? first : centre >= last.top + last.height ? last : nearest(usable, centre);
  }
  return { partner: hit.partner, y: Math.max(0, Math.round(absoluteY - hit.top)) };
}

function nearest(bands: readonly LaneBand[], centre: number): LaneBand {
  let best = bands[0] as LaneBand;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const b of bands) {
    const d = Math.min(Math.abs(centre - b.top), Math.abs(centre - (b.top + b.height)));
    if (d < bestDistance) {
      best = b;
      bestDistance = d;
    }
  }
  return best;
}

/** The index a dragged lane lands on: how many of the other lanes have their centre above its centre. */
export function laneIndexAt(bands: readonly LaneBand[], dragged: string, absoluteTop: number): number {
  const self = bands.find((b) => b.partner === dragged);
  const centre = absoluteTop + (self?.height ?? 0) / 2;
  return bands.filter((b) => b.partner !== dragged && b.top + b.height / 2 < centre).length;
}
