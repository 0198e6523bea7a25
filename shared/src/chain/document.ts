import type { Flow, MapSnapshot } from '../model/types.js';
import { normaliseLabel } from './label.js';
import { chainOrder } from './order.js';

/** The flows that carry one document through the chain (rule SH-Q5). */
export interface DocumentTrail {
  /** The label as the selected flow spells it. */
  readonly label: string;
  /** Every flow with the same normalised label, in chain order (by where they start, then end). */
  readonly flows: readonly Flow[];
  /** Their steps. */
  readonly steps: ReadonlySet<string>;
}

/**
 * "Follow a document": the flows whose normalised label equals that of `flowId`. A flow without a
 * label names no document and follows only itself. Undefined when the flow is not in the map.
 */
export function followDocument(map: MapSnapshot, flowId: string): DocumentTrail | undefined {
  const flow = map.flowById.get(flowId);
  if (!flow) return undefined;
  const key = normaliseLabel(flow.label);
  const flows = key === '' ? [flow] : map.flows.filter((f) => normaliseLabel(f.label) === key);
  const order = chainOrder(map);
  const at = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  flows.sort((a, b) => at(a.from) - at(b.from) || at(a.to) - at(b.to) || (a.id < b.id ? -1 : 1));
  const steps = new Set<string>();
  for (const f of flows) steps.add(f.from).add(f.to);
  return { label: flow.label, flows, steps };
}
