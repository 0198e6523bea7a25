import type { Flow, MapSnapshot } from '../model/types.js';

/**
 * The flows of a snapshot by the step they leave and the step they enter, built once per
 * snapshot (snapshots are frozen, so the index is cached on the snapshot object): every chain
 * query is then linear in what it visits, not in the size of the map.
 */
export interface ChainIndex {
  readonly map: MapSnapshot;
  readonly out: ReadonlyMap<string, readonly Flow[]>;
  readonly in: ReadonlyMap<string, readonly Flow[]>;
}

const cache = new WeakMap<MapSnapshot, ChainIndex>();
const NONE: readonly Flow[] = [];

/** The flow index of a snapshot (rule SH-Q1); built on first use, then cached. */
export function chainIndex(map: MapSnapshot): ChainIndex {
  let index = cache.get(map);
  if (index) return index;
  const out = new Map<string, Flow[]>();
  const inn = new Map<string, Flow[]>();
  for (const f of map.flows) {
    // A snapshot holds only drawn flows (SH-M8); checked again so a hand-made snapshot cannot break a walk.
    if (!map.stepById.has(f.from) || !map.stepById.has(f.to)) continue;
    push(out, f.from, f);
    push(inn, f.to, f);
  }
  index = { map, out, in: inn };
  cache.set(map, index);
  return index;
}

function push(m: Map<string, Flow[]>, key: string, f: Flow): void {
  const list = m.get(key);
  if (list) list.push(f);
  else m.set(key, [f]);
}

export const flowsOut = (index: ChainIndex, step: string): readonly Flow[] => index.out.get(step) ?? NONE;
export const flowsIn = (index: ChainIndex, step: string): readonly Flow[] => index.in.get(step) ?? NONE;
