/** A rectangle in map coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RouteInput {
  /** The source step's box: the flow leaves from the middle of its right side. */
  readonly from: Box;
  /** The target step's box: the flow enters the middle of its left side. */
  readonly to: Box;
  /** Other steps the line should not cross. */
  readonly obstacles?: readonly Box[];
  /** The y of lane borders: a label is kept off them. */
  readonly borders?: readonly number[];
  /** The size of the flow's label, if it has one. */
  readonly label?: { readonly width: number; readonly height: number } | null;
  /**
   * Where on its sides the flow leaves and enters, as offsets from their middles (`flowEnds`,
   * rule SH-R3); both middles without it.
   */
  readonly ends?: { readonly from: number; readonly to: number } | undefined;
}

export interface Route {
  /** The corners of the line from source to target; consecutive points share an x or a y. */
  readonly points: readonly Point[];
  /** Where the label's centre goes. */
  readonly label: Point;
}

/** The shortest straight run out of a source or into a target before the first bend. */
export const ROUTE_STUB = 20;
/** Clearance kept between a detour and the boxes it goes around. */
const CLEARANCE = 16;
/** How far from a lane border a corridor runs. */
const BESIDE_BORDER = 10;
/** Clearance kept between a label and lane borders or steps. */
const LABEL_CLEARANCE = 4;

/**
 * An orthogonal route for a flow (rule SH-R1): it leaves the source on the right and enters
 * the target on the left. A forward flow bends once down or up (three runs) at the first of
 * these places whose runs cross no box: beside the target, beside the source, halfway, or
 * beside an obstacle; failing that, and for a flow back or within a column, it goes around
 * (five runs) along a corridor above, below or between the boxes. The label sits on the
 * route where it covers no step and no lane border, on the longest run where possible.
 */
export function routeFlow(input: RouteInput): Route {
  const { from, to } = input;
  const obstacles = input.obstacles ?? [];
  const all = [from, to, ...obstacles];
  const s = { x: from.x + from.width, y: from.y + from.height / 2 + (input.ends?.from ?? 0) };
  const t = { x: to.x, y: to.y + to.height / 2 + (input.ends?.to ?? 0) };
  const clear = (points: readonly Point[]): boolean => crossings(points, all) === 0;

  let points: Point[] | undefined;
  if (t.x - s.x >= 2 * ROUTE_STUB) {
    if (Math.abs(s.y - t.y) < 0.5 && clear([s, t])) points = [s, { x: t.x, y: s.y }];
    points ??= forward(s, t, obstacles, clear);
  }
  points ??= around(s, t, from, to, all, input.borders ?? []);
  return { points, label: labelPoint(points, input.label ?? null, all, input.borders ?? []) };
}

/** The first three-run route from s to t, best first, whose runs cross no box. */
function forward(s: Point, t: Point, obstacles: readonly Box[], clear: (points: readonly Point[]) => boolean) {
  const lo = s.x + ROUTE_STUB;
  const hi = t.x - ROUTE_STUB;
  const xs = [hi, lo, (s.x + t.x) / 2];
  for (const o of obstacles) xs.push(o.x - CLEARANCE, o.x + o.width + CLEARANCE);
  for (const x of xs) {
    if (x < lo - 0.5 || x > hi + 0.5) continue;
    const points = [s, { x, y: s.y }, { x, y: t.y }, t];
    if (clear(points)) return points;
  }
  return undefined;
}

/** A five-run route around the boxes: out to the right, along a corridor, in from the left. */
function around(s: Point, t: Point, from: Box, to: Box, all: readonly Box[], borders: readonly number[]): Point[] {
  const x1 = s.x + ROUTE_STUB;
  const x2 = t.x - ROUTE_STUB;
  const top = Math.min(from.y, to.y);
  const bottom = Math.max(from.y + from.height, to.y + to.height);
  // Corridors run beside lane borders, never on them (a line there would read as the border).
  const ys = [bottom + CLEARANCE, top - CLEARANCE, ...borders.flatMap((y) => [y - BESIDE_BORDER, y + BESIDE_BORDER])];
  for (const b of all) ys.push(b.y - CLEARANCE, b.y + b.height + CLEARANCE);
  // The route that crosses the fewest boxes; of those the shortest; of those the first in `ys`.
  // Taken shortest first (a stable sort keeps the order of equal lengths), the crossings of a
  // candidate need counting only up to the fewest found so far, and none after one with none.
  const candidates = ys
    .map((y) => [s, { x: x1, y: s.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: t.y }, t])
    .map((points) => ({ points, length: length(points) }))
    .sort((a, b) => a.length - b.length);
  let best = candidates[0] as { points: Point[]; length: number };
  let fewest = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // A later candidate is no shorter, so it wins only by crossing fewer boxes than the best.
    const crossed = crossings(c.points, all, fewest);
    if (crossed < fewest) {
      best = c;
      fewest = crossed;
      if (crossed === 0) break;
    }
  }
  return best.points;
}

/**
 * How many (run, box) pairs cross: a run that only touches a box's outline does not count.
 * Counting stops at `limit` (when only fewer crossings matter).
 */
export function crossings(points: readonly Point[], boxes: readonly Box[], limit = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const x0 = Math.min(a.x, b.x);
    const x1 = Math.max(a.x, b.x);
    const y0 = Math.min(a.y, b.y);
    const y1 = Math.max(a.y, b.y);
    for (const box of boxes) {
      const inX = x1 === x0 ? x0 > box.x && x0 < box.x + box.width : x0 < box.x + box.width && x1 > box.x;
      const inY = y1 === y0 ? y0 > box.y && y0 < box.y + box.height : y0 < box.y + box.height && y1 > box.y;
      if (inX && inY && ++n >= limit) return n;
    }
  }
  return n;
}

function length(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    sum += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
  }
  return sum;
}

/** Where along the route the label's centre goes (see `routeFlow`). */
function labelPoint(
  points: readonly Point[],
  size: { readonly width: number; readonly height: number } | null,
  boxes: readonly Box[],
  borders: readonly number[],
): Point {
  const runs = points.slice(1).map((b, i) => ({ a: points[i] as Point, b }));
  runs.sort((p, q) => runLength(q) - runLength(p));
  const longest = runs[0] ?? { a: points[0] as Point, b: points[0] as Point };
  const middle = { x: (longest.a.x + longest.b.x) / 2, y: (longest.a.y + longest.b.y) / 2 };
  if (!size) return middle;
  for (const run of runs) {
    const p = clearSpotOn(run, size, boxes, borders);
    if (p) return p;
  }
  return middle;
}

/**
 * The point of a run nearest its middle where a label of `size` centred on it keeps
 * `LABEL_CLEARANCE` from every lane border and box, or null if there is none.
 */
function clearSpotOn(
  run: { readonly a: Point; readonly b: Point },
  size: { readonly width: number; readonly height: number },
  boxes: readonly Box[],
  borders: readonly number[],
): Point | null {
  const vertical = run.a.x === run.b.x;
  const halfW = size.width / 2 + LABEL_CLEARANCE;
  const halfH = size.height / 2 + LABEL_CLEARANCE;
  const lo = vertical ? Math.min(run.a.y, run.b.y) : Math.min(run.a.x, run.b.x);
  const hi = vertical ? Math.max(run.a.y, run.b.y) : Math.max(run.a.x, run.b.x);
  // Forbidden stretches of the run, as [from, to] along it.
  const blocked: [number, number][] = [];
  if (vertical) {
    for (const y of borders) blocked.push([y - halfH, y + halfH]);
    for (const b of boxes) {
      if (run.a.x + halfW <= b.x || run.a.x - halfW >= b.x + b.width) continue;
      blocked.push([b.y - halfH, b.y + b.height + halfH]);
    }
  } else {
    const y = run.a.y;
    if (borders.some((line) => Math.abs(line - y) < halfH)) return null;
    for (const b of boxes) {
      if (y + halfH <= b.y || y - halfH >= b.y + b.height) continue;
      blocked.push([b.x - halfW, b.x + b.width + halfW]);
    }
  }
  const mid = (lo + hi) / 2;
  // The candidates: the middle, and both ends of every forbidden stretch; the nearest free one wins.
  const candidates = [mid, ...blocked.flat()].filter((t) => t >= lo && t <= hi);
  candidates.sort((p, q) => Math.abs(p - mid) - Math.abs(q - mid));
  const free = candidates.find((t) => blocked.every(([from, to]) => t <= from || t >= to));
  if (free === undefined) return null;
  return vertical ? { x: run.a.x, y: free } : { x: free, y: run.a.y };
}

const runLength = (r: { readonly a: Point; readonly b: Point }): number =>
  Math.abs(r.a.x - r.b.x) + Math.abs(r.a.y - r.b.y);
