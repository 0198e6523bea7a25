/** A box in one lane: x absolute, y relative to the lane's top. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where a laid-out selection goes in one lane (rule SH-LY7): the whole number offset nearest
 * to `preferred`, at least `min`, at which the selection's boxes, moved down by it, stay `gap`
 * clear of every fixed box. Each fixed box that overlaps a selected box horizontally blocks an
 * open range of offsets; the answer is `preferred` or the nearest end of the blocked run it
 * falls in (upwards on a tie). Below all fixed boxes there is always room, so it always exists.
 * Block boxes and `gap` are whole pixels.
 */
export function freeOffset(
  block: readonly Box[],
  fixed: readonly Box[],
  preferred: number,
  min: number,
  gap: number,
): number {
  const blocked: [number, number][] = [];
  for (const b of block) {
    for (const f of fixed) {
      if (b.x >= f.x + f.width + gap || f.x >= b.x + b.width + gap) continue;
      // Whole pixels outward, so that every end of a blocked range is a whole number.
      const top = Math.floor(f.y);
      const bottom = Math.ceil(f.y + f.height);
      blocked.push([top - gap - b.height - b.y, bottom + gap - b.y]);
    }
  }
  blocked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const want = Math.max(min, Math.round(preferred));
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const [a, b] of blocked) {
    if (a < hi) {
      hi = Math.max(hi, b);
      continue;
    }
    if (lo < want && want < hi) break;
    lo = a;
    hi = b;
  }
  if (!(lo < want && want < hi)) return want;
  return lo >= min && want - lo <= hi - want ? lo : hi;
}
