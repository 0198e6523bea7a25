/**
 * What a flow's route depends on besides its two steps (rule SH-R2): the steps near it, the
 * lane borders in its area and its label's size. The canvas and the exports route every flow
 * with these, so a flow runs the same way on the screen and on paper.
 */
import type { Flow } from '../model/types.js';
import { GEOMETRY } from './constants.js';
import { measureText } from '../text/measure.js';
import type { Box } from './route.js';

/** How far beside and above/below a flow's two steps other steps count as obstacles. */
const REACH_X = 60;
const REACH_Y = 160;
/** At most this many nearby steps are given to the router (the nearest first): big maps stay fast. */
const MAX_OBSTACLES = 16;
/** The widest a flow label is drawn; a longer label ends in an ellipsis. */
export const FLOW_LABEL_MAX_WIDTH = 240;
/** Room in a flow label beside its text (padding and border), and for a status marker. */
export const FLOW_LABEL_PADDING = 14;
export const FLOW_LABEL_MARKER = 20;
export const FLOW_LABEL_HEIGHT = 20;

/**
 * Width and height of a flow's label (text, padding, border, status marker); null when it has none.
 * The canvas draws it this big; the layout leaves room for it between columns (rule SH-LY12).
 */
export function flowLabelSize(flow: Pick<Flow, 'label' | 'status'>): { width: number; height: number } | null {
  const marker = flow.status !== 'ok';
  if (!flow.label && !marker) return null;
  const text = flow.label ? measureText(flow.label, GEOMETRY.flowLabelFontSize) : 0;
  return {
    width: Math.min(FLOW_LABEL_MAX_WIDTH, Math.ceil(text) + FLOW_LABEL_PADDING + (marker ? FLOW_LABEL_MARKER : 0)),
    height: FLOW_LABEL_HEIGHT,
  };
}

/**
 * Step boxes sorted by x, to find the steps near a flow without looking at all of them.
 * Steps in `skip` are left out (the canvas skips steps being dragged).
 */
export class StepIndex {
  private readonly sorted: (Box & { readonly id: string })[];
  private readonly widest: number;

  constructor(boxes: ReadonlyMap<string, Box>, skip?: ReadonlySet<string>) {
    this.sorted = [...boxes]
      .filter(([id]) => !skip?.has(id))
      .map(([id, b]) => ({ id, ...b }))
      .sort((a, b) => a.x - b.x);
    this.widest = this.sorted.reduce((m, b) => Math.max(m, b.width), 0);
  }

  /** Boxes overlapping `area`, other than `except`, nearest to its centre first, at most `limit`. */
  near(area: Box, except: readonly string[], limit: number): Box[] {
    const found: (Box & { readonly d: number })[] = [];
    let i = lowerBound(this.sorted, area.x - this.widest);
    const cx = area.x + area.width / 2;
    const cy = area.y + area.height / 2;
    for (; i < this.sorted.length; i++) {
      const b = this.sorted[i] as Box & { readonly id: string };
      if (b.x > area.x + area.width) break;
      if (b.x + b.width < area.x || b.y > area.y + area.height || b.y + b.height < area.y) continue;
      if (except.includes(b.id)) continue;
      found.push({ x: b.x, y: b.y, width: b.width, height: b.height, d: Math.abs(b.x - cx) + Math.abs(b.y - cy) });
    }
    found.sort((a, b) => a.d - b.d);
    return found.slice(0, limit).map(({ x, y, width, height }) => ({ x, y, width, height }));
  }
}

function lowerBound(sorted: readonly Box[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Box).x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A flow's surroundings as `routeFlow` takes them, and the part of the map that was looked at. */
export interface FlowSurroundings {
  readonly obstacles: readonly Box[];
  readonly borders: readonly number[];
  readonly label: { width: number; height: number } | null;
  readonly area: Box;
}

/** The steps near a flow (the nearest 16 within reach), the lane borders in that area and its label's size. */
export function flowSurroundings(
  flow: Flow,
  from: Box,
  to: Box,
  index: StepIndex,
  borders: readonly number[],
): FlowSurroundings {
  const x0 = Math.min(from.x, to.x) - REACH_X;
  const y0 = Math.min(from.y, to.y) - REACH_Y;
  const area = {
    x: x0,
    y: y0,
    width: Math.max(from.x + from.width, to.x + to.width) + REACH_X - x0,
    height: Math.max(from.y + from.height, to.y + to.height) + REACH_Y - y0,
  };
  const obstacles = index.near(area, [flow.from, flow.to], MAX_OBSTACLES);
  const near = borders.filter((y) => y >= area.y && y <= area.y + area.height);
  return { obstacles, borders: near, label: flowLabelSize(flow), area };
}
