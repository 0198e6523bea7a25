import type { Flow, MapSnapshot, Partner } from './model/types.js';

/** A step reached from another, with the number of flows in between and the flow that first reached it. */
export interface Reach {
  readonly step: string;
  readonly depth: number;
  readonly via: string;
}

export interface ReachOptions {
  /** Stop after this many flows; default unlimited. */
  readonly maxDepth?: number;
  /** Follow only flows of these kinds; default all. */
  readonly kinds?: readonly Flow['kind'][];
}

function reach(map: MapSnapshot, start: string, direction: 'up' | 'down', options: ReachOptions): Reach[] {
  const adjacency = new Map<string, Flow[]>();
  for (const f of map.flows) {
    if (options.kinds && !options.kinds.includes(f.kind)) continue;
    const key = direction === 'down' ? f.from : f.to;
    const list = adjacency.get(key);
    if (list) list.push(f);
    else adjacency.set(key, [f]);
  }
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const seen = new Set([start]);
  const out: Reach[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const f of adjacency.get(id) ?? []) {
        const other = direction === 'down' ? f.to : f.from;
        if (seen.has(other)) continue;
        seen.add(other);
        out.push({ step: other, depth, via: f.id });
        next.push(other);
      }
    }
    frontier = next;
  }
  return out;
}

/** Every step that (transitively) feeds into `step`, nearest first; cycle-safe (rule SH-G1). */
export function upstream(map: MapSnapshot, step: string, options: ReachOptions = {}): Reach[] {
  return map.stepById.has(step) ? reach(map, step, 'up', options) : [];
}

/** Every step that `step` (transitively) feeds, nearest first; cycle-safe (rule SH-G1). */
export function downstream(map: MapSnapshot, step: string, options: ReachOptions = {}): Reach[] {
  return map.stepById.has(step) ? reach(map, step, 'down', options) : [];
}

/** True if the flow's two ends sit in different lanes: a koppelvlak (rule SH-G2). */
export function isKoppelvlak(map: MapSnapshot, flow: Flow): boolean {
  const from = map.stepById.get(flow.from);
  const to = map.stepById.get(flow.to);
  return from !== undefined && to !== undefined && from.partner !== to.partner;
}

/** The koppelvlakken: flows that cross from one partner to another (rule SH-G2). */
export function koppelvlakken(map: MapSnapshot): Flow[] {
  return map.flows.filter((f) => isKoppelvlak(map, f));
}

export interface PartnerSummary {
  readonly partner: Partner;
  readonly steps: number;
  /** Koppelvlakken arriving at this partner. */
  readonly incoming: number;
  /** Koppelvlakken leaving this partner. */
  readonly outgoing: number;
  /** Flows within this partner. */
  readonly internal: number;
  /** Flows touching this partner with status attention or problem. */
  readonly attention: number;
  readonly problems: number;
  /** Partners this one sends to, and receives from, over koppelvlakken (ids, sorted). */
  readonly sendsTo: readonly string[];
  readonly receivesFrom: readonly string[];
}

/** One summary per lane, in lane order (rule SH-G3). */
export function partnerSummaries(map: MapSnapshot): PartnerSummary[] {
  return map.partners.map((partner) => {
    let incoming = 0;
    let outgoing = 0;
    let internal = 0;
    let attention = 0;
    let problems = 0;
    const sendsTo = new Set<string>();
    const receivesFrom = new Set<string>();
    for (const f of map.flows) {
      const from = map.stepById.get(f.from)?.partner;
      const to = map.stepById.get(f.to)?.partner;
      if (from !== partner.id && to !== partner.id) continue;
      if (from === to) internal++;
      else if (from === partner.id && to !== undefined) {
        outgoing++;
        sendsTo.add(to);
      } else if (from !== undefined) {
        incoming++;
        receivesFrom.add(from);
      }
      if (f.status === 'attention') attention++;
      if (f.status === 'problem') problems++;
    }
    return {
      partner,
      steps: map.steps.filter((s) => s.partner === partner.id).length,
      incoming,
      outgoing,
      internal,
      attention,
      problems,
      sendsTo: [...sendsTo].sort(),
      receivesFrom: [...receivesFrom].sort(),
    };
  });
}
