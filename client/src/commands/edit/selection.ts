import { addStep, connect, disconnect, newId, ORIGINS, readMap, removeSteps, UNASSIGNED_ID } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import type { Clipboard } from '../selection';

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
