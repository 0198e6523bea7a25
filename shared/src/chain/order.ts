import type { MapSnapshot } from '../model/types.js';
import { chainIndex, flowsOut } from './chainIndex.js';

const cache = new WeakMap<MapSnapshot, ReadonlyMap<string, number>>();

/**
 * The position of every step along the chain (rule SH-Q4): a step comes after every step that
 * feeds it; among steps free to come next, the left-most (then lane order, then id) goes first,
 * and a cycle is entered at its left-most step. Deterministic for a snapshot; cached on it.
 */
export function chainOrder(map: MapSnapshot): ReadonlyMap<string, number> {
  const cached = cache.get(map);
  if (cached) return cached;
  const index = chainIndex(map);
  const laneRank = new Map(map.partners.map((p, i) => [p.id, i]));
  // Snapshot steps are sorted by lane, then x, then id; rank them by x first for the reading order.
  const byPlace = [...map.steps].sort(
    (a, b) => a.x - b.x || (laneRank.get(a.partner) ?? 0) - (laneRank.get(b.partner) ?? 0) || (a.id < b.id ? -1 : 1),
  );
  const place = new Map(byPlace.map((s, i) => [s.id, i]));
  const waiting = new Map<string, number>();
  for (const s of map.steps) waiting.set(s.id, 0);
  for (const f of map.flows) if (f.from !== f.to && waiting.has(f.to)) waiting.set(f.to, (waiting.get(f.to) ?? 0) + 1);

  const heap = new MinHeap();
  for (const [id, n] of waiting) if (n === 0) heap.push(place.get(id) ?? 0);
  const order = new Map<string, number>();
  let nextUnplaced = 0;
  while (order.size < byPlace.length) {
    let at = heap.pop();
    if (at === undefined) {
      // Only cycles are left: enter the left-most of them.
      while (order.has(byPlace[nextUnplaced]?.id ?? '')) nextUnplaced++;
      at = nextUnplaced;
    }
    const id = byPlace[at]?.id;
    if (id === undefined || order.has(id)) continue;
    order.set(id, order.size);
    for (const f of flowsOut(index, id)) {
      if (order.has(f.to) || f.to === id) continue;
      const left = (waiting.get(f.to) ?? 1) - 1;
      waiting.set(f.to, left);
      if (left === 0) heap.push(place.get(f.to) ?? 0);
    }
  }
  cache.set(map, order);
  return order;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as number) <= value) break;
      a[i] = a[parent] as number;
      i = parent;
    }
    a[i] = value;
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
      if ((a[c] as number) >= last) break;
      a[i] = a[c] as number;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
