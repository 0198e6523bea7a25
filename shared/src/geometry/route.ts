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
  const s = { x: from.x + from.width, y: from.y + from.height / 2 };
  const t = { x: to.x, y: to.y + to.height / 2 };
  const clear = (points: readonly Point[]): boolean => crossings(points, all) === 0;

  let points: Point[] | undefined;
  if (t.x - s.x >= 2 * ROUTE_STUB) {
    if (Math.abs(s.y - t.y) < 0.5 && clear([s, t])) points = [s, { x: t.x, y: s.y }];
    points ??= forward(s, t, obstacles).find(clear);
  }
  points ??= around(s, t, from, to, all, input.borders ?? []);
  return { points, label: labelPoint(points, input.label ?? null, all, input.borders ?? []) };
}

/** Three-run routes from s to t, best first. */
function forward(s: Point, t: Point, obstacles: readonly Box[]): Point[][] {
  const lo = s.x + ROUTE_STUB;
  const hi = t.x - ROUTE_STUB;
  const xs = [hi, lo, (s.x + t.x) / 2];
  for (const o of obstacles) xs.push(o.x - CLEARANCE, o.x + o.width + CLEARANCE);
  return xs.filter((x) => x >= lo - 0.5 && x <= hi + 0.5).map((x) => [s, { x, y: s.y }, { x, y: t.y }, t]);
}

/** A five-run route around the boxes: out to the right, along a corridor, in from the left. */
function around(s: Point, t: Point, from: Box, to: Box, all: readonly Box[], borders: readonly number[]): Point[] {
  const x1 = s.x + ROUTE_STUB;
  const x2 = t.x - ROUTE_STUB;
  const top = Math.min(from.y, to.y);
  const bottom = Math.max(from.y + from.height, to.y + to.height);
  // Corridors run beside lane borders, never on them (a line there would read as the border).
  const ys = [bottom + CLEARANCE, top - CLEARANCE, ...borders.flatMap((y) => [y - BESIDE_BORDER, y + BESIDE_BORDER])];
  const upper = from.y + from.height <= to.y ? from : to.y + to.height <= from.y ? to : null;
  if (upper) {
    const lower = upper === from ? to : from;
    ys.unshift((upper.y + upper.height + lower.y) / 2);
  }
  for (const b of all) ys.push(b.y - CLEARANCE, b.y + b.height + CLEARANCE);
  const candidates = ys.map((y) => [s, { x: x1, y: s.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: t.y }, t]);
  let best = candidates[0] as Point[];
  let bestCost = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const cost = crossings(c, all) * 1e9 + length(c);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

/** How many (run, box) pairs cross: a run that only touches a box's outline does not count. */
export function crossings(points: readonly Point[], boxes: readonly Box[]): number {
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
      if (inX && inY) n++;
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
  const fits = (p: Point): boolean => {
    const r = {
      x: p.x - size.width / 2 - LABEL_CLEARANCE,
      y: p.y - size.height / 2 - LABEL_CLEARANCE,
      width: size.width + 2 * LABEL_CLEARANCE,
      height: size.height + 2 * LABEL_CLEARANCE,
    };
    if (borders.some((y) => y >= r.y && y <= r.y + r.height)) return false;
    return !boxes.some(
      (b) => r.x < b.x + b.width && r.x + r.width > b.x && r.y < b.y + b.height && r.y + r.height > b.y,
    );
  };
  for (const run of runs) {
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const p = { x: run.a.x + (run.b.x - run.a.x) * f, y: run.a.y + (run.b.y - run.a.y) * f };
      if (fits(p)) return p;
    }
  }
  return middle;
}

const runLength = (r: { readonly a: Point; readonly b: Point }): number =>
  Math.abs(r.a.x - r.b.x) + Math.abs(r.a.y - r.b.y);
