import { GEOMETRY, type LaneBand } from '../geometry/lanes.js';
import { ModelError } from '../model/errors.js';
import { LIMITS } from '../model/limits.js';
import type { MapSnapshot, Step } from '../model/types.js';
import type { StepMove } from '../ops/steps.js';
import { elkColumns } from './columns.js';
import { elkStepId, layoutSteps, type ElkLaidOutGraph } from './elk-graph.js';
import { freeOffset, type Box } from './fit.js';
import { LaneGrid } from './grid.js';
import { resolveOptions, type LayoutOptions, type Resolved, type StepSize } from './options.js';
import { minimiseCrossings } from './sweeps.js';

/** The outcome of a layout; plain data, so a worker can post it and a server can send it. */
export interface LayoutResult {
  /** One move per laid-out step: x absolute, y relative to its lane's top, whole pixels. */
  readonly moves: StepMove[];
  /** The lanes as they will be once the moves are applied, measured with `sizeOf`. */
  readonly lanes: LaneBand[];
  /** Column slots used by the laid-out steps. */
  readonly columns: number;
  /** Crossings (straight-line measure) with ELK's order stacked in the lanes, and after the sweeps. */
  readonly crossings: { readonly elkOrder: number; readonly result: number };
}

const pad = GEOMETRY.lanePadding;

/**
 * The lane pass (rules SH-LY2 to SH-LY7): takes ELK's columns and its order inside them,
 * stacks each step in its own lane, orders and aligns the stacks by barycentre sweeps,
 * compacts the columns and, for a selection, fits the result among the steps that stay.
 * Pure and deterministic; `elk` is ELK's answer to `buildElkGraph(map, options)`.
 */
export function laneLayout(map: MapSnapshot, elk: ElkLaidOutGraph, options: LayoutOptions = {}): LayoutResult {
  return lanePass(map, elk, resolveOptions(options));
}

export function lanePass(map: MapSnapshot, elk: ElkLaidOutGraph, o: Resolved): LayoutResult {
  const steps = layoutSteps(map, o);
  const sizes = steps.map(o.size);
  const laneOf = new Map(map.partners.map((p, i) => [p.id, i]));
  const lanes = map.partners.length;
  const index = new Map(steps.map((s, i) => [s.id, i]));
  // Lane tops of the steps that stay: a selection's fixed context, never moved by the layout.
  const fixedTop = o.selection
    ? Float64Array.from(
        bands(map, (s) => (index.has(s.id) ? null : s.y), o),
        (b) => b.top,
      )
    : new Float64Array(lanes);
  const { neighbours, anchors } = links(map, index, o, fixedTop, laneOf);
  if (steps.length === 0) {
    return { moves: [], lanes: bands(map, (s) => s.y, o), columns: 0, crossings: { elkOrder: 0, result: 0 } };
  }

  const width = Float64Array.from(sizes, (s) => s.width);
  const height = Float64Array.from(sizes, (s) => s.height);
  const lane = Int32Array.from(steps, (s) => laneOf.get(s.partner) ?? 0);
  const cols = elkColumns(
    elk,
    steps.map((s) => elkStepId(s.id)),
    width,
  );
  const grid = new LaneGrid({
    lane,
    column: cols.column,
    columns: cols.columns,
    elkY: cols.y,
    width,
    height,
    neighbours,
    x: Float64Array.from(steps, (s) => s.x),
    lanes,
    rowGap: o.spacing.rowGap,
  });
  const reposition = o.selection
    ? () => fixedTop.forEach((top, l) => (grid.base[l] = top + pad))
    : () => {
        let top = 0;
        for (let l = 0; l < lanes; l++) {
          grid.base[l] = top + pad;
          top += Math.max(GEOMETRY.laneMinHeight, grid.innerHeight(l) + 2 * pad);
        }
      };
  const crossings = minimiseCrossings(grid, anchors, reposition);

  // Columns as narrow as their widest step, one gap apart; steps centred in their column and row.
  const slotWidth = new Float64Array(grid.slots);
  grid.slot.forEach((s, i) => (slotWidth[s] = Math.max(slotWidth[s] ?? 0, width[i] ?? 0)));
  const left = o.selection
    ? Math.round(steps.reduce((min, s) => Math.min(min, s.x), Number.POSITIVE_INFINITY))
    : o.spacing.left;
  const gap = labelGaps(map, index, grid.slot, grid.slots, o);
  const slotX = new Float64Array(grid.slots);
  for (let s = 1; s < grid.slots; s++) slotX[s] = (slotX[s - 1] ?? 0) + (slotWidth[s - 1] ?? 0) + (gap[s - 1] ?? 0);
  const x = steps.map((_, i) => {
    const s = grid.slot[i] ?? 0;
    return left + (slotX[s] ?? 0) + Math.floor(((slotWidth[s] ?? 0) - (width[i] ?? 0)) / 2);
  });
  const rowY = steps.map((_, i) => {
    const l = lane[i] ?? 0;
    const t = grid.track[i] ?? 0;
    return (grid.rowTop[l]?.[t] ?? 0) + Math.floor(((grid.rowHeight[l]?.[t] ?? 0) - (height[i] ?? 0)) / 2);
  });
  const offset = o.selection
    ? selectionOffsets(map, steps, sizes, x, rowY, lane, laneOf, o)
    : new Float64Array(lanes).fill(pad);

  const moves = steps.map((s, i) => ({
    id: s.id,
    x: x[i] ?? 0,
    y: (offset[lane[i] ?? 0] ?? pad) + (rowY[i] ?? 0),
  }));
  checkExtent(moves);
  const moved = new Map(moves.map((m) => [m.id, m.y]));
  return { moves, lanes: bands(map, (s) => moved.get(s.id) ?? s.y, o), columns: grid.slots, crossings };
}

/** Room a label needs beyond its width in a gap: the router keeps 4 px from both steps, and rounding. */
const LABEL_ROOM = 10;

/**
 * The gap after each column (rule SH-LY12): `columnGap`, or wider where a flow from this column
 * to the next has a label that would not fit between the two: the router puts a label on a run
 * of its route where it covers no step, and a flow to the next column runs only in this gap.
 */
function labelGaps(
  map: MapSnapshot,
  index: ReadonlyMap<string, number>,
  slot: ArrayLike<number>,
  slots: number,
  o: Resolved,
): Float64Array {
  const gap = new Float64Array(slots).fill(o.spacing.columnGap);
  for (const f of map.flows) {
    const a = index.get(f.from);
    const b = index.get(f.to);
    if (a === undefined || b === undefined) continue;
    const from = slot[a] ?? 0;
    if ((slot[b] ?? 0) !== from + 1) continue;
    const label = o.label(f);
    const width = label && Number.isFinite(label.width) ? Math.min(Math.max(label.width, 0), 100_000) : 0;
    if (width > 0) gap[from] = Math.max(gap[from] ?? 0, Math.ceil(width) + LABEL_ROOM);
  }
  return gap;
}

/**
 * A layout that does not fit the coordinate limit (rule SH-J5) could not be written; it is
 * refused whole, naming the limit, rather than written with steps piled up at the edge.
 */
function checkExtent(moves: readonly StepMove[]): void {
  const reach = moves.reduce((most, m) => Math.max(most, Math.abs(m.x), m.y), 0);
  if (reach > LIMITS.coordinate) {
    throw new ModelError(`the layout needs ${reach} px, more than the largest coordinate (${LIMITS.coordinate} px)`);
  }
}

/** Flows between laid-out steps, and the centres of fixed steps that laid-out steps link to. */
function links(
  map: MapSnapshot,
  index: ReadonlyMap<string, number>,
  o: Resolved,
  fixedTop: Float64Array,
  laneOf: ReadonlyMap<string, number>,
): { neighbours: number[][]; anchors: number[][] } {
  const neighbours: number[][] = Array.from({ length: index.size }, () => []);
  const anchors: number[][] = Array.from({ length: index.size }, () => []);
  const fixedCentre = (s: Step): number => (fixedTop[laneOf.get(s.partner) ?? 0] ?? 0) + s.y + o.size(s).height / 2;
  for (const f of map.flows) {
    if (f.from === f.to) continue;
    const a = index.get(f.from);
    const b = index.get(f.to);
    if (a !== undefined && b !== undefined) {
      neighbours[a]?.push(b);
      neighbours[b]?.push(a);
      continue;
    }
    const from = map.stepById.get(f.from);
    const to = map.stepById.get(f.to);
    if (a !== undefined && to) anchors[a]?.push(fixedCentre(to));
    if (b !== undefined && from) anchors[b]?.push(fixedCentre(from));
  }
  return { neighbours, anchors };
}

/**
 * Per lane, the offset of the laid-out selection below the lane's top: nearest to where the
 * selection's top was, clear of the steps that stay (rule SH-LY7).
 */
function selectionOffsets(
  map: MapSnapshot,
  steps: readonly Step[],
  sizes: readonly StepSize[],
  x: readonly number[],
  rowY: readonly number[],
  lane: Int32Array,
  laneOf: ReadonlyMap<string, number>,
  o: Resolved,
): Float64Array {
  const block: Box[][] = map.partners.map(() => []);
  const preferred = new Float64Array(map.partners.length).fill(Number.POSITIVE_INFINITY);
  steps.forEach((s, i) => {
    const l = lane[i] ?? 0;
    const size = sizes[i] ?? { width: 1, height: 1 };
    block[l]?.push({ x: x[i] ?? 0, y: rowY[i] ?? 0, width: size.width, height: size.height });
    preferred[l] = Math.min(preferred[l] ?? 0, s.y - (rowY[i] ?? 0));
  });
  const fixed: Box[][] = map.partners.map(() => []);
  for (const s of map.steps) {
    if (o.selection?.has(s.id)) continue;
    const size = o.size(s);
    fixed[laneOf.get(s.partner) ?? 0]?.push({ x: s.x, y: s.y, width: size.width, height: size.height });
  }
  return Float64Array.from(block, (boxes, l) =>
    boxes.length === 0 ? pad : freeOffset(boxes, fixed[l] ?? [], preferred[l] ?? pad, pad, o.spacing.rowGap),
  );
}

/**
 * Lane bands like `laneBands` (rule SH-M4), with each step's own height from `sizeOf` and its
 * y from `yOf` (null leaves the step out).
 */
function bands(map: MapSnapshot, yOf: (s: Step) => number | null, o: Resolved): LaneBand[] {
  const bottom = new Map<string, number>();
  for (const s of map.steps) {
    const y = yOf(s);
    if (y !== null) bottom.set(s.partner, Math.max(bottom.get(s.partner) ?? 0, y + o.size(s).height));
  }
  let top = 0;
  return map.partners.map((p) => {
    const height = Math.max(GEOMETRY.laneMinHeight, (bottom.get(p.id) ?? 0) + pad);
    const band = { partner: p.id, top, height };
    top += height;
    return band;
  });
}
