import {
  StepIndex,
  flowEnds,
  flowSurroundings,
  routeFlow,
  type Box,
  type Flow,
  type FlowEnds,
  type Point,
  type Route,
} from '@ketenkaart/shared';

const overlaps = (a: Box, b: Box): boolean =>
  a.x <= b.x + b.width && a.x + a.width >= b.x && a.y <= b.y + b.height && a.y + a.height >= b.y;
const samePoint = (a: Point, b: Point): boolean => a.x === b.x && a.y === b.y;
const sameRoute = (a: Route, b: Route): boolean =>
  samePoint(a.label, b.label) &&
  a.points.length === b.points.length &&
  a.points.every((p, i) => samePoint(p, b.points[i] as Point));
const MIDDLE: FlowEnds = { from: 0, to: 0 };
const sameEnds = (a: FlowEnds, b: FlowEnds): boolean => a.from === b.from && a.to === b.to;
const sameBox = (a: Box | undefined, b: Box | undefined): boolean =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

/** The smallest box around all of these. */
function hull(boxes: readonly Box[]): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A flow's route as last derived, with what it was derived from. */
export interface KeptRoute {
  readonly from: Box;
  readonly to: Box;
  readonly label: string;
  readonly status: string;
  /** Where on its steps' sides it leaves and enters (shared's `flowEnds`, SH-R3). */
  readonly ends: FlowEnds;
  readonly context: RouteContext;
  /** Changes whenever the route may have: a cache key for everything drawn from it. */
  readonly version: number;
  /** The route itself, computed when first asked for. */
  readonly route: () => Route;
}

/**
 * Flows' routes kept from one derive to the next: a flow's context is looked up again only
 * when one of its steps moved, its label changed, its ends moved along their sides, a lane border moved, or a step that changed
 * lies (or lay) in its area; its route is computed again only when that context differs. A
 * remote edit that moves one step re-routes only the flows near it.
 */
export class RouteContexts {
  private boxes: ReadonlyMap<string, Box> = new Map();
  private borders = '';
  private skip: ReadonlySet<string> = new Set();
  private kept = new Map<string, KeptRoute>();
  private versions = 0;

  /**
   * Every flow's kept route, computing the contexts of only those that may have changed.
   * `moved`: the ids of the steps whose box is new or gone since the last update (CL-R20); an
   * unchanged box is the same object as before.
   */
  update(
    flows: readonly Flow[],
    boxes: ReadonlyMap<string, Box>,
    moved: readonly string[],
    borders: readonly number[],
    skip: ReadonlySet<string> | undefined,
  ): ReadonlyMap<string, KeptRoute> {
    const skipNow = skip ?? new Set<string>();
    const changed: Box[] = [];
    const note = (id: string): void => {
      const box = boxes.get(id);
      const before = this.boxes.get(id);
      if (box) changed.push(box);
      if (before && before !== box) changed.push(before);
    };
    for (const id of moved) note(id);
    for (const id of skipNow) if (!this.skip.has(id)) note(id);
    for (const id of this.skip) if (!skipNow.has(id)) note(id);
    // One test against the box around every change rules out most flows at once.
    const around = changed.length > 0 ? hull(changed) : undefined;
    const bordersKey = borders.join(',');
    const allNew = bordersKey !== this.borders;
    let index: StepIndex | undefined;
    const ends = flowEnds(flows, boxes);
    const next = new Map<string, KeptRoute>();
    for (const f of flows) {
      const from = boxes.get(f.from) as Box;
      const to = boxes.get(f.to) as Box;
      const old = this.kept.get(f.id);
      const at = ends.get(f.id) ?? MIDDLE;
      const same =
        old !== undefined &&
        old.label === f.label &&
        old.status === f.status &&
        sameEnds(old.ends, at) &&
        sameBox(old.from, from) &&
        sameBox(old.to, to);
      const near = around !== undefined && overlaps(around, old?.context.area ?? around);
      if (same && !allNew && (!near || !changed.some((b) => overlaps(b, old.context.area)))) {
        next.set(f.id, old);
        continue;
      }
      const context = routeContext(f, from, to, (index ??= new StepIndex(boxes, skip)), borders);
      next.set(f.id, same ? this.again(old, context) : this.keep(f, from, to, at, context));
    }
    this.boxes = boxes;
    this.borders = bordersKey;
    this.skip = skipNow;
    this.kept = next;
    return next;
  }

  private keep(
    f: { readonly label: string; readonly status: string },
    from: Box,
    to: Box,
    ends: FlowEnds,
    context: RouteContext,
    version = ++this.versions,
  ): KeptRoute {
    let route: Route | undefined;
    return {
      from,
      to,
      label: f.label,
      status: f.status,
      ends,
      context,
      version,
      route: () => (route ??= flowRoute(from, to, context, ends)),
    };
  }

  /**
   * A flow whose steps and label did not change, looked at again because a step near it did:
   * among the same obstacles and borders, or where its route comes out the same, it keeps its
   * version (what is drawn of it stays as it is).
   */
  private again(old: KeptRoute, context: RouteContext): KeptRoute {
    if (old.context.hash === context.hash) return old;
    const route = flowRoute(old.from, old.to, context, old.ends);
    const kept = sameRoute(route, old.route());
    const next = this.keep(old, old.from, old.to, old.ends, context, kept ? old.version : undefined);
    return { ...next, route: () => route };
  }
}

/** What a flow's route depends on besides its two boxes, and a number that changes when it does. */
export interface RouteContext {
  readonly obstacles: readonly Box[];
  readonly borders: readonly number[];
  readonly label: { width: number; height: number } | null;
  readonly hash: number;
  /** The part of the map whose steps were looked at. */
  readonly area: Box;
}

/** The steps near a flow, the lane borders it may cross and its label's size. */
export function routeContext(
  flow: Flow,
  from: Box,
  to: Box,
  index: StepIndex,
  borders: readonly number[],
): RouteContext {
  const { obstacles, borders: near, label, area } = flowSurroundings(flow, from, to, index, borders);
  let hash = 17;
  const mix = (n: number): void => {
    hash = (Math.imul(hash, 31) + n) | 0;
  };
  for (const b of obstacles) [b.x, b.y, b.width, b.height].forEach(mix);
  for (const y of near) mix(y);
  return { obstacles, borders: near, label, hash, area };
}

/** The route of a flow between two step boxes in its context, from and to its ends. */
export function flowRoute(from: Box, to: Box, context: RouteContext, ends: FlowEnds = MIDDLE): Route {
  const { obstacles, borders, label } = context;
  return routeFlow({ from, to, obstacles, borders, label, ends });
}
