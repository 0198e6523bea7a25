/**
 * Counts crossings between flows drawn as straight lines from step centre to step centre,
 * between consecutive column slots (rule SH-LY4). A flow spanning several slots is cut at
 * each slot; two pieces in one gap cross when their order at the left and right ends
 * differs. Flows that share an end do not cross there. It is the measure the sweeps keep
 * the best of, not the drawing's exact count: the canvas routes flows orthogonally.
 */
export function countCrossings(
  edges: readonly (readonly [number, number])[],
  slot: Int32Array,
  slots: number,
  centre: (i: number) => number,
): number {
  const left: number[][] = Array.from({ length: Math.max(0, slots - 1) }, () => []);
  const right: number[][] = Array.from({ length: Math.max(0, slots - 1) }, () => []);
  for (const [u, v] of edges) {
    const su = slot[u] ?? 0;
    const sv = slot[v] ?? 0;
    if (su === sv) continue;
    const [a, b, sa, sb] = su < sv ? [u, v, su, sv] : [v, u, sv, su];
    const ya = centre(a);
    const dy = (centre(b) - ya) / (sb - sa);
    for (let g = sa; g < sb; g++) {
      left[g]?.push(ya + dy * (g - sa));
      right[g]?.push(ya + dy * (g + 1 - sa));
    }
  }
  let crossings = 0;
  for (let g = 0; g < left.length; g++) {
    const l = left[g] ?? [];
    const r = right[g] ?? [];
    if (l.length < 2) continue;
    const order = l.map((_, i) => i).sort((i, j) => (l[i] ?? 0) - (l[j] ?? 0) || (r[i] ?? 0) - (r[j] ?? 0));
    crossings += inversions(Float64Array.from(order, (i) => r[i] ?? 0));
  }
  return crossings;
}

/** Pairs i < j with a[i] > a[j], by merge sort; sorts `a`. */
function inversions(a: Float64Array): number {
  const buffer = new Float64Array(a.length);
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
