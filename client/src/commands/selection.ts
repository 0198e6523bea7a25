/**
 * The selection's commands. Reading it (the target lane, a copy) is here; changing the map
 * (delete, paste) is in the edit kit, loaded for editors only (rule CL-Z2).
 */
import { UNASSIGNED_ID, type Flow, type MapSnapshot, type Step } from '@ketenkaart/shared';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { kit } from './editKit';
import type * as Edit from './edit/selection';

/** Copied steps and the flows between them. */
export interface Clipboard {
  readonly steps: readonly Step[];
  readonly flows: readonly Flow[];
}

/** The lane the user means: the lane of the first selected lane or step, else the first lane. */
export function targetLane(map: MapSnapshot, selected: ReadonlySet<string>): string | null {
  for (const id of selected) {
    if (isLaneNodeId(id)) {
      const partner = partnerOfLaneNode(id);
      if (partner !== UNASSIGNED_ID && map.partnerById.has(partner)) return partner;
    }
    const step = map.stepById.get(id);
    if (step && step.partner !== UNASSIGNED_ID) return step.partner;
  }
  return map.partners.find((p) => !p.unassigned)?.id ?? null;
}

/** The selected steps and the flows among them. */
export function copySelection(map: MapSnapshot, selected: ReadonlySet<string>): Clipboard | null {
  const steps = map.steps.filter((s) => selected.has(s.id));
  if (steps.length === 0) return null;
  const ids = new Set(steps.map((s) => s.id));
  return { steps, flows: map.flows.filter((f) => ids.has(f.from) && ids.has(f.to)) };
}

export const deleteSelection: typeof Edit.deleteSelection = (...a) => kit().selection.deleteSelection(...a);
export const paste: typeof Edit.paste = (...a) => kit().selection.paste(...a);
