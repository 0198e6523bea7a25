/**
 * Counts crossings between flows drawn as straight lines from step centre to step centre,
 * between consecutive column slots (rule SH-LY4). A flow spanning several slots is cut at
 * each slot; two pieces in one gap cross when their order at the left and right ends
 * differs. Flows that share an end do not cross there. It is the measure the sweeps keep
 * the best of, not the drawing's exact count: the canvas routes flows orthogonally.
 *
 * Slots do not change while the sweeps run, so the pieces of each gap are laid out once;
 * a count only fills in their heights.
 */
export class CrossingCounter {
  /** Pieces of gap g are start[g] .. start[g + 1] - 1. */
  private readonly start: Int32Array;
  /** Per piece: the flow's left and right node, and where the piece's ends lie along the flow (0..1). */
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly t0: Float64Array;
  private readonly t1: Float64Array;
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly order: Int32Array;
  private readonly scratch: Float64Array;

  constructor(edges: readonly (readonly [number, number])[], slot: Int32Array, slots: number) {
    const gaps = Math.max(0, slots - 1);
    const count = new Int32Array(gaps + 1);
    const spans = edges.map(([u, v]) => {
      const su = slot[u] ?? 0;
      const sv = slot[v] ?? 0;
      return su <= sv ? ([u, v, su, sv] as const) : ([v, u, sv, su] as const);
    });
    for (const [, , sa, sb] of spans) for (let g = sa; g < sb; g++) count[g + 1] = (count[g + 1] ?? 0) + 1;
    this.start = new Int32Array(gaps + 1);
    for (let g = 0; g < gaps; g++) this.start[g + 1] = (this.start[g] ?? 0) + (count[g + 1] ?? 0);
    const pieces = this.start[gaps] ?? 0;
    this.from = new Int32Array(pieces);
    this.to = new Int32Array(pieces);
    this.t0 = new Float64Array(pieces);
    this.t1 = new Float64Array(pieces);
    const fill = this.start.slice();
    for (const [a, b, sa, sb] of spans) {
      for (let g = sa; g < sb; g++) {
        const k = fill[g] ?? 0;
        fill[g] = k + 1;
        this.from[k] = a;
        this.to[k] = b;
        this.t0[k] = (g - sa) / (sb - sa);
        this.t1[k] = (g + 1 - sa) / (sb - sa);
      }
    }
    this.left = new Float64Array(pieces);
    this.right = new Float64Array(pieces);
    this.order = new Int32Array(pieces);
    this.scratch = new Float64Array(pieces);
  }

  /** Crossings with the nodes' vertical centres `y`. */
  count(y: Float64Array): number {
    const { start, from, to, t0, t1, left, right, order, scratch } = this;
    for (let k = 0; k < from.length; k++) {
      const ya = y[from[k] ?? 0] ?? 0;
      const dy = (y[to[k] ?? 0] ?? 0) - ya;
      left[k] = ya + dy * (t0[k] ?? 0);
      right[k] = ya + dy * (t1[k] ?? 0);
      order[k] = k;
    }
    let crossings = 0;
    for (let g = 0; g + 1 < start.length; g++) {
      const lo = start[g] ?? 0;
      const hi = start[g + 1] ?? 0;
      if (hi - lo < 2) continue;
      order.subarray(lo, hi).sort((i, j) => (left[i] ?? 0) - (left[j] ?? 0) || (right[i] ?? 0) - (right[j] ?? 0));
      for (let k = lo; k < hi; k++) scratch[k] = right[order[k] ?? 0] ?? 0;
      crossings += inversions(scratch.subarray(lo, hi), right.subarray(lo, hi));
    }
    return crossings;
  }
}

/** Pairs i < j with a[i] > a[j], by merge sort; sorts `a`, using `buffer` (as long as `a`). */
function inversions(a: Float64Array, buffer: Float64Array): number {
  let count = 0;
  for (let width = 1; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length - width; lo += 2 * width) {
      const mid = lo + width;
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((a[j] ?? 0) < (a[i] ?? 0)) {
          count += mid - i;
          buffer[k++] = a[j++] ?? 0;
        } else buffer[k++] = a[i++] ?? 0;
      }
      while (i < mid) buffer[k++] = a[i++] ?? 0;
      while (j < hi) buffer[k++] = a[j++] ?? 0;
      a.set(buffer.subarray(lo, hi), lo);
    }
  }
  return count;
}
