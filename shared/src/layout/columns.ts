import type { ElkLaidOutGraph } from './elk-graph.js';

/**
 * ELK's layers as columns (rule SH-LY2). With direction RIGHT every node of a layer lies
 * inside the layer's x-range and layers do not overlap, so nodes sorted by x fall into runs
 * of overlapping x-ranges, one run per layer. Layers that held only ELK's dummy nodes have no
 * step and disappear. Returns each node's column and ELK's y (its order inside the column).
 */
export function elkColumns(
  result: ElkLaidOutGraph,
  ids: readonly string[],
  widths: ArrayLike<number>,
): { column: Int32Array; y: Float64Array; columns: number } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = new Float64Array(ids.length).fill(Number.NaN);
  const y = new Float64Array(ids.length);
  const w = Float64Array.from(widths);
  for (const child of result.children ?? []) {
    const i = index.get(child.id);
    if (i === undefined) continue;
    x[i] = finite(child.x);
    y[i] = finite(child.y);
    if (typeof child.width === 'number' && child.width > 0) w[i] = child.width;
  }
  const missing = ids.filter((_, i) => Number.isNaN(x[i]));
  if (missing.length > 0) throw new Error(`ELK's result has no position for ${missing.length} steps (${missing[0]})`);
  const byX = ids.map((_, i) => i).sort((a, b) => (x[a] ?? 0) - (x[b] ?? 0) || a - b);
  const column = new Int32Array(ids.length);
  let current = -1;
  let right = Number.NEGATIVE_INFINITY;
  for (const i of byX) {
    const left = x[i] ?? 0;
    if (left >= right) current++;
    right = Math.max(right, left + (w[i] ?? 0));
    column[i] = current;
  }
  return { column, y, columns: current + 1 };
}

const finite = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
