import type { Reach } from '../graph.js';
import type { Flow, MapSnapshot, Partner, Step } from '../model/types.js';
import { chainIndex, flowsIn, flowsOut, type ChainIndex } from './chainIndex.js';
import { walk, type ChainDepth } from './walk.js';

/** A flow seen from one of its steps: the step at its other end and that step's partner. */
export interface FlowEnd {
  readonly flow: Flow;
  readonly step: Step;
  readonly partner: Partner | undefined;
  /** The flow crosses partners (SH-G2). */
  readonly koppelvlak: boolean;
}

/** A person to ask: the contact of a step near the focus. */
export interface ContactEntry {
  readonly step: Step;
  readonly contact: string;
  /** Flows between it and the focused step; 1 for a direct neighbour. */
  readonly depth: number;
}

/** The contacts of the steps near the focus, one group per partner, in lane order. */
export interface ContactGroup {
  readonly partner: Partner | undefined;
  readonly partnerId: string;
  readonly contacts: readonly ContactEntry[];
}

/** Everything "Mijn plek in de keten" shows for one step (rule SH-Q3). */
export interface StepFocus {
  readonly step: Step;
  readonly depth: ChainDepth;
  /** Steps feeding this one, nearest first (direct ones have depth 1). */
  readonly before: readonly Reach[];
  /** Steps this one feeds, nearest first. */
  readonly after: readonly Reach[];
  /** The focused step and every step before and after it within the depth. */
  readonly steps: ReadonlySet<string>;
  /** The flows on a walk of at most `depth` flows into or out of the focused step. */
  readonly flows: ReadonlySet<string>;
  /** Documents and information arriving at / leaving the step (sequence flows carry none). */
  readonly received: readonly FlowEnd[];
  readonly sent: readonly FlowEnd[];
  /** Koppelvlakken among `flows`, upstream first (far to near), then downstream (near to far). */
  readonly koppelvlakken: readonly Flow[];
  /** Contacts of the steps before and after, grouped by partner. */
  readonly contacts: readonly ContactGroup[];
}

/**
 * The upstream and downstream chain of `stepId` up to `depth` flows (1, 2 or `Infinity`), across
 * partners, cycle-safe (SH-Q2, SH-Q3). Undefined when the step is not in the map.
 */
export function stepFocus(map: MapSnapshot, stepId: string, depth: ChainDepth): StepFocus | undefined {
  const step = map.stepById.get(stepId);
  if (!step) return undefined;
  const index = chainIndex(map);
  const up = walk(index, stepId, 'up', depth);
  const down = walk(index, stepId, 'down', depth);
  const steps = new Set<string>([stepId, ...up.distance.keys(), ...down.distance.keys()]);
  const upFlows = chainFlows(index, up.distance, 'up', depth);
  const downFlows = chainFlows(index, down.distance, 'down', depth);
  const flows = new Set<string>([...upFlows.map((f) => f.id), ...downFlows.map((f) => f.id)]);

  const crossing = (f: Flow): boolean => map.stepById.get(f.from)?.partner !== map.stepById.get(f.to)?.partner;
  const seen = new Set<string>();
  const koppelvlakken: Flow[] = [];
  const upFar = [...upFlows].sort((a, b) => (up.distance.get(b.to) ?? 0) - (up.distance.get(a.to) ?? 0));
  for (const f of [...upFar, ...downFlows]) {
    if (!crossing(f) || seen.has(f.id)) continue;
    seen.add(f.id);
    koppelvlakken.push(f);
  }

  return {
    step,
    depth,
    before: up.reached,
    after: down.reached,
    steps,
    flows,
    received: ends(map, flowsIn(index, stepId), 'from'),
    sent: ends(map, flowsOut(index, stepId), 'to'),
    koppelvlakken,
    contacts: contactGroups(map, [...up.reached, ...down.reached]),
  };
}

/**
 * The flows on a walk of at most `depth` flows ending (up) or starting (down) at the start: a
 * flow into a step `d` flows upstream of it is on such a walk exactly when `d + 1 <= depth`.
 * In walk order, nearest first.
 */
function chainFlows(
  index: ChainIndex,
  distance: ReadonlyMap<string, number>,
  direction: 'up' | 'down',
  depth: ChainDepth,
): Flow[] {
  const out: Flow[] = [];
  for (const [id, d] of distance) {
    if (d + 1 > depth) continue;
    out.push(...(direction === 'up' ? flowsIn(index, id) : flowsOut(index, id)));
  }
  return out;
}

/**
 * The steps right before and after `stepId`, one entry per flow (sequence flows included), in
 * flow id order; a self-loop is listed on both sides. Undefined when the step is not in the map.
 */
export function directNeighbours(
  map: MapSnapshot,
  stepId: string,
): { readonly before: readonly FlowEnd[]; readonly after: readonly FlowEnd[] } | undefined {
  if (!map.stepById.has(stepId)) return undefined;
  const index = chainIndex(map);
  return {
    before: ends(map, flowsIn(index, stepId), 'from', true),
    after: ends(map, flowsOut(index, stepId), 'to', true),
  };
}

function ends(map: MapSnapshot, flows: readonly Flow[], other: 'from' | 'to', sequence = false): FlowEnd[] {
  const self = other === 'from' ? 'to' : 'from';
  const out: FlowEnd[] = [];
  for (const flow of flows) {
    if (flow.kind === 'sequence' && !sequence) continue;
    const step = map.stepById.get(flow[other]);
    const mine = map.stepById.get(flow[self]);
    if (!step || !mine) continue;
    out.push({ flow, step, partner: map.partnerById.get(step.partner), koppelvlak: step.partner !== mine.partner });
  }
  return out;
}

/** The non-empty contacts of `reached`, nearest first inside each partner, partners in lane order. */
export function contactGroups(map: MapSnapshot, reached: readonly Reach[]): ContactGroup[] {
  const byPartner = new Map<string, ContactEntry[]>();
  const seen = new Set<string>();
  for (const r of [...reached].sort((a, b) => a.depth - b.depth)) {
    const step = map.stepById.get(r.step);
    const contact = step?.contact.trim() ?? '';
    if (!step || !contact || seen.has(step.id)) continue;
    seen.add(step.id);
    const list = byPartner.get(step.partner);
    const entry = { step, contact, depth: r.depth };
    if (list) list.push(entry);
    else byPartner.set(step.partner, [entry]);
  }
  const laneRank = new Map(map.partners.map((p, i) => [p.id, i]));
  return [...byPartner]
    .sort(([a], [b]) => (laneRank.get(a) ?? 0) - (laneRank.get(b) ?? 0))
    .map(([partnerId, contacts]) => ({ partnerId, partner: map.partnerById.get(partnerId), contacts }));
}
