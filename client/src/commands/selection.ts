import {
  addStep,
  connect,
  disconnect,
  newId,
  ORIGINS,
  readMap,
  removeSteps,
  UNASSIGNED_ID,
  type Flow,
  type MapSnapshot,
  type Step,
} from '@ketenkaart/shared';
import type * as Y from 'yjs';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';

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

/** Deletes the selected steps (with their flows) and flows; lanes are removed through their own dialog. */
export function deleteSelection(doc: Y.Doc, selected: ReadonlySet<string>): void {
  const map = readMap(doc);
  const steps = [...selected].filter((id) => map.stepById.has(id));
  const flows = [...selected].filter((id) => map.flowById.has(id));
  doc.transact(() => {
    removeSteps(doc, steps);
    disconnect(doc, flows);
  }, ORIGINS.local);
}

/** The selected steps and the flows among them. */
export function copySelection(map: MapSnapshot, selected: ReadonlySet<string>): Clipboard | null {
  const steps = map.steps.filter((s) => selected.has(s.id));
  if (steps.length === 0) return null;
  const ids = new Set(steps.map((s) => s.id));
  return { steps, flows: map.flows.filter((f) => ids.has(f.from) && ids.has(f.to)) };
}

/**
 * Pastes copied steps with new ids, shifted by `offset`, in one transaction. Steps
 * whose lane is gone go to `fallbackLane`. Returns the new step ids.
 */
export function paste(doc: Y.Doc, clip: Clipboard, fallbackLane: string | null, offset = 40): string[] {
  const map = readMap(doc);
  const idMap = new Map<string, string>();
  doc.transact(() => {
    for (const s of clip.steps) {
      const partner = map.partnerById.has(s.partner) && s.partner !== UNASSIGNED_ID ? s.partner : fallbackLane;
      if (!partner) continue;
      const id = addStep(doc, {
        id: newId('s'),
        partner,
        label: s.label,
        kind: s.kind,
        description: s.description,
        contact: s.contact,
        x: s.x + offset,
        y: s.y + offset / 2,
      });
      idMap.set(s.id, id);
    }
    for (const f of clip.flows) {
      const from = idMap.get(f.from);
      const to = idMap.get(f.to);
      if (from && to) connect(doc, { from, to, label: f.label, kind: f.kind, status: f.status, note: f.note });
    }
  }, ORIGINS.local);
  return [...idMap.values()];
}
