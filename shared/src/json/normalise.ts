import { DEFAULTS } from '../model/defaults.js';
import { ID_PATTERN, LIMITS } from '../model/limits.js';
import type { MapSnapshot, Partner, Step } from '../model/types.js';
import { FORMAT_NAME, FORMAT_VERSION, type MapFile } from './schema.js';

/** Name given to the lane of orphan steps when it is written to a file (rule SH-J9). */
export const UNASSIGNED_EXPORT_NAME = 'Niet toegewezen';

const validId = (id: string): boolean => id.length >= 1 && id.length <= LIMITS.idChars && ID_PATTERN.test(id);

/** `text` cut to `max` UTF-16 units, never between the two halves of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The JSON v1 form of a snapshot, normalised so that it always imports again (rules SH-J9,
 * SH-J14). A snapshot shows whatever peers wrote through plain Yjs (SH-M6); a file must meet
 * SH-J1-J6. So: entities with an id the format refuses are left out (a step of such a partner
 * moves to the unassigned lane, a flow to or from such a step goes); texts are cut to their
 * limits; coordinates are whole pixels; of more partners, steps or flows than the limits, the
 * first ones in the snapshot's order are kept (one lane is kept free for the unassigned lane
 * when it is needed). Every field is written out, partners in lane order, only drawn flows.
 */
export function toMapFile(map: MapSnapshot): MapFile {
  const real = map.partners.filter((p) => !p.unassigned && validId(p.id));
  let partners = real.slice(0, LIMITS.partners);
  const candidates = map.steps.filter((s) => validId(s.id)).slice(0, LIMITS.steps);
  const orphansWith = (lanes: readonly Partner[]): boolean => {
    const kept = new Set(lanes.map((p) => p.id));
    return candidates.some((s) => !kept.has(s.partner));
  };
  if (partners.length === LIMITS.partners && orphansWith(partners)) partners = partners.slice(0, -1);
  const kept = new Set(partners.map((p) => p.id));
  let unassignedId: string | undefined;
  if (orphansWith(partners)) {
    unassignedId = 'unassigned';
    for (let n = 2; kept.has(unassignedId); n++) unassignedId = `unassigned-${n}`;
  }
  const laneOf = (s: Step): string => (kept.has(s.partner) ? s.partner : unassignedId!);
  const lanes = unassignedId ? [...partners.map((p) => p.id), unassignedId] : partners.map((p) => p.id);
  const laneIndex = new Map(lanes.map((id, i) => [id, i]));
  // Steps in the order a snapshot of the imported file lists them (SH-M9), so that export,
  // import, export gives equal text (SH-J10) even when steps changed lanes here.
  const steps = candidates
    .map((s) => ({ step: s, lane: laneOf(s), x: Math.round(s.x), y: Math.round(s.y) }))
    .sort((a, b) => laneIndex.get(a.lane)! - laneIndex.get(b.lane)! || a.x - b.x || byKey(a.step.id, b.step.id));
  const stepIds = new Set(steps.map((s) => s.step.id));
  const flows = map.flows
    .filter((f) => validId(f.id) && stepIds.has(f.from) && stepIds.has(f.to))
    .slice(0, LIMITS.flows);
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: cut(map.meta.title, LIMITS.titleChars),
    description: cut(map.meta.description, LIMITS.descriptionChars),
    partners: [
      ...partners.map((p) => ({
        id: p.id,
        name: cut(p.name || p.id, LIMITS.nameChars),
        color: p.color,
        description: cut(p.description, LIMITS.descriptionChars),
      })),
      ...(unassignedId
        ? [{ id: unassignedId, name: UNASSIGNED_EXPORT_NAME, color: DEFAULTS.partner.color, description: '' }]
        : []),
    ],
    steps: steps.map(({ step: s, lane, x, y }) => ({
      id: s.id,
      partner: lane,
      label: cut(s.label, LIMITS.labelChars),
      kind: s.kind,
      description: cut(s.description, LIMITS.descriptionChars),
      contact: cut(s.contact, LIMITS.contactChars),
      x,
      y,
    })),
    flows: flows.map((f) => ({
      id: f.id,
      from: f.from,
      to: f.to,
      label: cut(f.label, LIMITS.labelChars),
      kind: f.kind,
      status: f.status,
      note: cut(f.note, LIMITS.noteChars),
    })),
  };
}
