import type { Reach } from '../graph.js';
import { flowsIn, flowsOut, type ChainIndex } from './chainIndex.js';

/** How far a chain is followed: a number of flows, `Infinity` for the whole chain. */
export type ChainDepth = number;

/** The depths a reader picks from: one step, two steps, the whole chain. */
export const CHAIN_DEPTHS: readonly ChainDepth[] = [1, 2, Number.POSITIVE_INFINITY];

export interface Walk {
  /** Reached steps, nearest first (the start is not in it), each with its depth and first flow. */
  readonly reached: readonly Reach[];
  /** Distance in flows of every reached step, and 0 for the start. */
  readonly distance: ReadonlyMap<string, number>;
}

/**
 * Breadth-first along (`down`) or against (`up`) the flows from `start`, at most `maxDepth`
 * flows far; each step once, so cycles and self-loops end (rule SH-Q2). Iterative: a chain of
 * any length is walked without recursion.
 */
export function walk(index: ChainIndex, start: string, direction: 'up' | 'down', maxDepth: ChainDepth): Walk {
  const distance = new Map<string, number>([[start, 0]]);
  const reached: Reach[] = [];
  if (!index.map.stepById.has(start)) return { reached, distance: new Map() };
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const f of direction === 'down' ? flowsOut(index, id) : flowsIn(index, id)) {
        const other = direction === 'down' ? f.to : f.from;
        if (distance.has(other)) continue;
        distance.set(other, depth);
        reached.push({ step: other, depth, via: f.id });
        next.push(other);
      }
    }
    frontier = next;
  }
  return { reached, distance };
}
