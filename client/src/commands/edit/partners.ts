import {
  addPartner,
  DEFAULTS,
  movePartner,
  readMap,
  removePartner,
  updatePartner,
  type PartnerPatch,
  type RemovePartnerSteps,
} from '@ketenkaart/shared';
import type * as Y from 'yjs';

/** Lane colours offered for new partners, in turn. */
const LANE_COLORS = ['#0969da', '#1a7f37', '#8250df', '#9a6700', '#bf3989', '#0e7490', '#c2410c', '#57606a'];

/** Adds a partner lane with the next colour in turn; returns its id. */
export function addLane(doc: Y.Doc, name: string): string {
  const count = readMap(doc).partners.filter((p) => !p.unassigned).length;
  return addPartner(doc, { name, color: LANE_COLORS[count % LANE_COLORS.length] ?? DEFAULTS.partner.color });
}

/** Renames a partner; a name that is empty once trimmed is ignored. */
export function renamePartner(doc: Y.Doc, id: string, name: string): void {
  const trimmed = name.trim();
  if (trimmed) updatePartner(doc, id, { name: trimmed });
}

/** Changes a partner's colour or description. */
export function editPartner(doc: Y.Doc, id: string, patch: Omit<PartnerPatch, 'name'>): void {
  updatePartner(doc, id, patch);
}

/** Moves a partner's lane to another place in the order. */
export function moveLane(doc: Y.Doc, id: string, toIndex: number): void {
  movePartner(doc, id, toIndex);
}

/** Removes a partner's lane; its steps go with it or move to another lane. */
export function removeLane(doc: Y.Doc, id: string, how: RemovePartnerSteps): void {
  removePartner(doc, id, how);
}
