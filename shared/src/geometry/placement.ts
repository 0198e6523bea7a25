import { GEOMETRY } from './lanes.js';

export interface PlacementInput {
  readonly steps: readonly { readonly id: string; readonly partner: string }[];
  readonly flows: readonly { readonly from: string; readonly to: string }[];
}

/**
 * The simple deterministic placement for steps without positions (rule SH-J7): each
 * step's column is its longest distance from a source along flows (cycles broken
 * by input order), each step stays in its lane, steps sharing a lane and column
 * are stacked. Returns x and lane-relative y per step id.
 */
export function simplePlacement(input: PlacementInput): Map<string, { x: number; y: number }> {
  const known = new Set(input.steps.map((s) => s.id));
  const outgoing = new Map<string, string[]>();
  const indegree = new Map<string, number>(input.steps.map((s) => [s.id, 0]));
  for (const f of input.flows) {
    if (!known.has(f.from) || !known.has(f.to) || f.from === f.to) continue;
    const list = outgoing.get(f.from);
    if (list) list.push(f.to);
    else outgoing.set(f.from, [f.to]);
    indegree.set(f.to, (indegree.get(f.to) ?? 0) + 1);
  }
  // Kahn's algorithm; when only cycles remain, the first unranked step in input order is freed.
  const rank = new Map<string, number>(input.steps.map((s) => [s.id, 0]));
  const done = new Set<string>();
  const queue = input.steps.filter((s) => indegree.get(s.id) === 0).map((s) => s.id);
  const queued = new Set(queue);
  let cursor = 0;
  for (let head = 0; done.size < input.steps.length; head++) {
    if (head === queue.length) {
      while (queued.has(input.steps[cursor]?.id ?? '')) cursor++;
      const freed = input.steps[cursor]?.id ?? '';
      queue.push(freed);
      queued.add(freed);
    }
    const id = queue[head] as string;
    done.add(id);
    for (const next of outgoing.get(id) ?? []) {
      if (done.has(next)) continue;
      rank.set(next, Math.max(rank.get(next) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (indegree.get(next) ?? 1) - 1;
      indegree.set(next, left);
      if (left === 0 && !queued.has(next)) {
        queue.push(next);
        queued.add(next);
      }
    }
  }
  const slots = new Map<string, number>();
  const out = new Map<string, { x: number; y: number }>();
  for (const s of input.steps) {
    const column = rank.get(s.id) ?? 0;
    const key = `${s.partner}\u0000${column}`;
    const slot = slots.get(key) ?? 0;
    slots.set(key, slot + 1);
    out.set(s.id, {
      x: GEOMETRY.laneHeaderWidth + GEOMETRY.columnGap + column * (GEOMETRY.stepWidth + GEOMETRY.columnGap),
      y: GEOMETRY.lanePadding + slot * (GEOMETRY.stepHeight + GEOMETRY.rowGap),
    });
  }
  return out;
}

/** A step's box in a lane (`y` lane-relative); without a size it is `GEOMETRY`'s step size. */
export interface LaneBox {
  readonly x: number;
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
}

/** Space kept free around every step when looking for a spot. */
const SPOT_GAP = 16;

/**
 * Where a step can go in a lane without touching another (rule SH-P1): at `want` when that is
 * free, else at the same `x` in the first free row from the top (rows `lanePadding +
 * k * (stepHeight + rowGap)`), so the step keeps its place along the chain and the lane grows
 * to hold it. `others` are the lane's other steps; `y` is lane-relative.
 */
export function freeSpot(
  others: readonly LaneBox[],
  want: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number } = {
    width: GEOMETRY.stepWidth,
    height: GEOMETRY.stepHeight,
  },
): { x: number; y: number } {
  const x = Math.round(want.x);
  const free = (y: number): boolean =>
    others.every((o) => {
      const w = o.width ?? GEOMETRY.stepWidth;
      const h = o.height ?? GEOMETRY.stepHeight;
      const apart =
        x + size.width + SPOT_GAP <= o.x ||
        o.x + w + SPOT_GAP <= x ||
        y + size.height + SPOT_GAP <= o.y ||
        o.y + h + SPOT_GAP <= y;
      return apart;
    });
  const first = Math.max(0, Math.round(want.y));
  if (free(first)) return { x, y: first };
  // Below the lowest other step every row is free, so this ends.
  for (let y = GEOMETRY.lanePadding; ; y += size.height + GEOMETRY.rowGap) if (free(y)) return { x, y };
}
