import {
  addPartner,
  addStep,
  connect,
  disconnect,
  GEOMETRY,
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
import { isLaneNodeId, partnerOfLaneNode } from './derive';

/** Lane colours offered for new partners, in turn. */
export const LANE_COLORS = ['#0969da', '#1a7f37', '#8250df', '#9a6700', '#bf3989', '#0e7490', '#c2410c', '#57606a'];

/** Copied steps and the flows between them. */
export interface Clipboard {
  readonly steps: readonly Step[];
  readonly flows: readonly Flow[];
}

/** Adds a partner lane with a fresh colour; returns its id. */
export function addLane(doc: Y.Doc, name: string): string {
  const count = readMap(doc).partners.filter((p) => !p.unassigned).length;
  return addPartner(doc, { name, color: LANE_COLORS[count % LANE_COLORS.length] ?? '#57606a' });
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

/** A free x in a lane: right of its right-most step. */
export function freeSpot(map: MapSnapshot, partner: string): { x: number; y: number } {
  let right = GEOMETRY.laneHeaderWidth + GEOMETRY.columnGap - GEOMETRY.columnGap;
  for (const s of map.steps) if (s.partner === partner) right = Math.max(right, s.x + GEOMETRY.stepWidth);
  return { x: right + GEOMETRY.columnGap / 2, y: GEOMETRY.lanePadding + 14 };
}

/** Adds a step at the next free place in a lane; returns its id. */
export function addStepInLane(doc: Y.Doc, partner: string, label: string): string {
  const spot = freeSpot(readMap(doc), partner);
  return addStep(doc, { partner, label, ...spot });
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
