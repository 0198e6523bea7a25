import { CrossingCounter } from './crossings.js';
import type { LaneGrid } from './grid.js';

/** Upper bound on barycentre sweeps; they usually settle after three or four. */
export const MAX_SWEEPS = 8;
/** Sweeps stop early after this many in a row that did not lower the crossings. */
const PATIENCE = 2;

/**
 * Orders the steps of each lane and column by the barycentre of their neighbours and puts
 * each on the free track nearest to that barycentre, sweeping the columns left to right and
 * back (rule SH-LY4). Fixed steps outside the layout act as anchors (`anchors[i]`: their
 * centres). Keeps the state with the fewest crossings, ELK's own order included; a later
 * state wins a tie, being better aligned. `reposition` recomputes the lanes' base after the
 * rows changed. Returns the crossings of ELK's order and of the result.
 */
export function minimiseCrossings(
  grid: LaneGrid,
  anchors: readonly (readonly number[])[],
  reposition: () => void,
): { elkOrder: number; result: number } {
  const edges: [number, number][] = [];
  grid.nodes.neighbours.forEach((list, i) => list.forEach((j) => i < j && edges.push([i, j])));
  const counter = new CrossingCounter(edges, grid.slot, grid.slots);
  const centres = new Float64Array(grid.track.length);
  const count = (): number => {
    for (let i = 0; i < centres.length; i++) centres[i] = grid.centre(i);
    return counter.count(centres);
  };
  reposition();
  const elkOrder = count();
  let best = { crossings: elkOrder, track: grid.track.slice() };
  const bary = new Float64Array(grid.track.length);
  for (let s = 0, idle = 0; s < MAX_SWEEPS && idle < PATIENCE; s++) {
    const changed = sweep(grid, anchors, s % 2 === 0, bary);
    grid.measureRows();
    reposition();
    const crossings = count();
    idle = crossings < best.crossings ? 0 : idle + 1;
    if (crossings <= best.crossings) best = { crossings, track: grid.track.slice() };
    if (!changed) break;
  }
  grid.track.set(best.track);
  grid.measureRows();
  reposition();
  return { elkOrder, result: best.crossings };
}

function sweep(grid: LaneGrid, anchors: readonly (readonly number[])[], forward: boolean, bary: Float64Array): boolean {
  const { neighbours } = grid.nodes;
  let changed = false;
  for (let c = 0; c < grid.cells.length; c++) {
    const cell = grid.cells[forward ? c : grid.cells.length - 1 - c];
    if (!cell) continue;
    for (const i of cell.nodes) {
      let sum = 0;
      let n = 0;
      let otherSum = 0;
      let otherN = 0;
      for (const j of neighbours[i] ?? []) {
        const s = grid.slot[j] ?? 0;
        if (forward ? s < cell.slot : s > cell.slot) {
          sum += grid.centre(j);
          n++;
        } else {
          otherSum += grid.centre(j);
          otherN++;
        }
      }
      for (const y of anchors[i] ?? []) {
        sum += y;
        n++;
      }
      bary[i] = n > 0 ? sum / n : otherN > 0 ? otherSum / otherN : grid.centre(i);
    }
    const order =
      cell.nodes.length === 1
        ? cell.nodes
        : [...cell.nodes].sort(
            (a, b) => (bary[a] ?? 0) - (bary[b] ?? 0) || (grid.track[a] ?? 0) - (grid.track[b] ?? 0) || a - b,
          );
    const tracks = grid.tracks[cell.lane] ?? order.length;
    let previous = -1;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] ?? 0;
      const wanted = grid.nearestTrack(cell.lane, bary[i] ?? 0);
      const t = Math.min(Math.max(wanted, previous + 1), tracks - order.length + k);
      if (grid.track[i] !== t) changed = true;
      grid.track[i] = t;
      previous = t;
    }
    cell.nodes = order;
  }
  return changed;
}
