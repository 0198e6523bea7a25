import type { Flow, MapSnapshot, Partner, Step } from '../model/types.js';
import { chainOrder } from './order.js';

/** A partner reached over koppelvlakken, with how many partners lie in between plus one. */
export interface PartnerReach {
  readonly partner: Partner;
  readonly depth: number;
}

/** What partner focus shows for one lane (rule SH-Q6). */
export interface PartnerFocus {
  readonly partner: Partner;
  /** Its steps in chain order. */
  readonly steps: readonly Step[];
  /** Koppelvlakken arriving at it and leaving it, in chain order. */
  readonly incoming: readonly Flow[];
  readonly outgoing: readonly Flow[];
  /** Partners it (transitively) receives from, nearest first: those it depends on. */
  readonly dependsOn: readonly PartnerReach[];
  /** Partners it (transitively) sends to, nearest first: those that depend on it. */
  readonly dependents: readonly PartnerReach[];
  /** Its steps and the steps at the far end of its koppelvlakken. */
  readonly stepIds: ReadonlySet<string>;
  /** Its own flows and its koppelvlakken. */
  readonly flowIds: ReadonlySet<string>;
}

/** Partner focus for `partnerId`; undefined when the lane is not in the map. */
export function partnerFocus(map: MapSnapshot, partnerId: string): PartnerFocus | undefined {
  const partner = map.partnerById.get(partnerId);
  if (!partner) return undefined;
  const order = chainOrder(map);
  const at = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const steps = map.steps.filter((s) => s.partner === partnerId).sort((a, b) => at(a.id) - at(b.id));
  const stepIds = new Set(steps.map((s) => s.id));
  const flowIds = new Set<string>();
  const incoming: Flow[] = [];
  const outgoing: Flow[] = [];
  // Partner graph over koppelvlakken: who sends to whom.
  const sends = new Map<string, Set<string>>();
  const receives = new Map<string, Set<string>>();
  for (const f of map.flows) {
    const from = map.stepById.get(f.from)?.partner;
    const to = map.stepById.get(f.to)?.partner;
    if (from === undefined || to === undefined) continue;
    if (from !== to) {
      addTo(sends, from, to);
      addTo(receives, to, from);
    }
    if (from === partnerId && to === partnerId) flowIds.add(f.id);
    else if (to === partnerId) incoming.push(f);
    else if (from === partnerId) outgoing.push(f);
  }
  const byChain = (a: Flow, b: Flow): number => at(a.from) - at(b.from) || at(a.to) - at(b.to);
  incoming.sort(byChain);
  outgoing.sort(byChain);
  for (const f of [...incoming, ...outgoing]) {
    flowIds.add(f.id);
    stepIds.add(f.from).add(f.to);
  }
  return {
    partner,
    steps,
    incoming,
    outgoing,
    dependsOn: partnerWalk(map, partnerId, receives),
    dependents: partnerWalk(map, partnerId, sends),
    stepIds,
    flowIds,
  };
}

function addTo(m: Map<string, Set<string>>, key: string, value: string): void {
  const set = m.get(key);
  if (set) set.add(value);
  else m.set(key, new Set([value]));
}

/** Breadth-first over the partner graph; each partner once, the start never, lane order within a depth. */
function partnerWalk(map: MapSnapshot, start: string, next: ReadonlyMap<string, Set<string>>): PartnerReach[] {
  const laneRank = new Map(map.partners.map((p, i) => [p.id, i]));
  const seen = new Set([start]);
  const out: PartnerReach[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const found: string[] = [];
    for (const id of frontier) for (const other of next.get(id) ?? []) if (!seen.has(other)) found.push(other);
    const level = [...new Set(found)].sort((a, b) => (laneRank.get(a) ?? 0) - (laneRank.get(b) ?? 0));
    for (const id of level) {
      seen.add(id);
      const partner = map.partnerById.get(id);
      if (partner) out.push({ partner, depth });
    }
    frontier = level;
  }
  return out;
}
