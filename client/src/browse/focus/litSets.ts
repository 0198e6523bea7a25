import { followDocument, partnerFocus, stepFocus, type MapSnapshot, type StepFocus } from '@ketenkaart/shared';
import type { Depth, Focus } from '../browseStore';

/** What the highlight lights: steps, flows and lanes (partner ids); the rest is dimmed. */
export interface LitSets {
  readonly focus: Focus;
  readonly steps: ReadonlySet<string>;
  readonly flows: ReadonlySet<string>;
  readonly partners: ReadonlySet<string>;
}

let last: { map: MapSnapshot; id: string; depth: Depth; focus: StepFocus | undefined } | undefined;

/** `stepFocus`, remembered for the last map, step and depth: the highlight and the panel ask the same. */
export function cachedStepFocus(map: MapSnapshot, id: string, depth: Depth): StepFocus | undefined {
  if (last?.map !== map || last.id !== id || last.depth !== depth)
    last = { map, id, depth, focus: stepFocus(map, id, depth) };
  return last.focus;
}

/**
 * The lit sets of a focus (rule CL-B3): a step lights its chain up to `depth` (shared SH-Q3), a
 * flow every flow carrying the same document (SH-Q5), a partner its steps, its koppelvlakken and
 * their far ends (SH-Q6). Null when the focus is gone from the map (nothing is dimmed then).
 */
export function litSets(map: MapSnapshot, focus: Focus | null, depth: Depth): LitSets | null {
  if (!focus) return null;
  if (focus.kind === 'step') {
    const f = cachedStepFocus(map, focus.id, depth);
    return f ? { focus, steps: f.steps, flows: f.flows, partners: new Set() } : null;
  }
  if (focus.kind === 'flow') {
    const f = followDocument(map, focus.id);
    return f ? { focus, steps: f.steps, flows: new Set(f.flows.map((x) => x.id)), partners: new Set() } : null;
  }
  const f = partnerFocus(map, focus.id);
  return f ? { focus, steps: f.stepIds, flows: f.flowIds, partners: new Set([focus.id]) } : null;
}
