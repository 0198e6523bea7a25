import type * as Y from 'yjs';
import { readEnum, readNumber, readString } from './model/coerce.js';
import { entity, roots, SCHEMA_VERSION } from './model/doc.js';
import { DEFAULTS } from './model/defaults.js';
import { COLOR_PATTERN, LIMITS } from './model/limits.js';
import type { Flow, MapSnapshot, Partner, Step } from './model/types.js';
import { FLOW_KINDS, FLOW_STATUSES, STEP_KINDS } from './model/types.js';

/** The id of the virtual lane that holds steps whose partner does not exist (rule SH-M7). */
export const UNASSIGNED_ID = '~unassigned';

/** Partners without a usable `order` sort after all others. */
const LAST_ORDER = Number.MAX_SAFE_INTEGER;

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A plain, frozen snapshot of the document for rendering (rules SH-M6 to SH-M9).
 * Deterministic for a given document state and never throws on odd data from a
 * peer: dangling flows are skipped, orphan steps go to the unassigned lane, odd
 * fields fall back to their defaults, coordinates are clamped.
 */
export function readMap(doc: Y.Doc): MapSnapshot {
  const r = roots(doc);
  const meta = Object.freeze({
    title: typeof r.meta.get('title') === 'string' ? (r.meta.get('title') as string) : '',
    description: typeof r.meta.get('description') === 'string' ? (r.meta.get('description') as string) : '',
    schemaVersion:
      typeof r.meta.get('schemaVersion') === 'number' ? (r.meta.get('schemaVersion') as number) : SCHEMA_VERSION,
  });

  const partners: Partner[] = [];
  for (const id of [...r.partners.keys()].sort(byKey)) {
    const m = entity(r.partners, id);
    if (!m) continue;
    const color = readString(m, 'color');
    partners.push(
      Object.freeze({
        id,
        name: readString(m, 'name'),
        color: COLOR_PATTERN.test(color) ? color : DEFAULTS.partner.color,
        order: readNumber(m, 'order', LAST_ORDER, -LAST_ORDER, LAST_ORDER),
        description: readString(m, 'description'),
        unassigned: false,
      }),
    );
  }
  partners.sort((a, b) => a.order - b.order || byKey(a.id, b.id));
  const partnerById = new Map(partners.map((p) => [p.id, p]));

  const steps: Step[] = [];
  let orphans = false;
  for (const id of r.steps.keys()) {
    const m = entity(r.steps, id);
    if (!m) continue;
    let partner = readString(m, 'partner');
    if (!partnerById.has(partner)) {
      partner = UNASSIGNED_ID;
      orphans = true;
    }
    steps.push(
      Object.freeze({
        id,
        partner,
        label: readString(m, 'label'),
        kind: readEnum(m, 'kind', STEP_KINDS, DEFAULTS.step.kind),
        description: readString(m, 'description'),
        contact: readString(m, 'contact'),
        x: readNumber(m, 'x', 0),
        y: readNumber(m, 'y', 0, 0, LIMITS.coordinate),
      }),
    );
  }
  if (orphans) {
    const lane: Partner = Object.freeze({
      id: UNASSIGNED_ID,
      name: '',
      color: DEFAULTS.partner.color,
      order: LAST_ORDER,
      description: '',
      unassigned: true,
    });
    partners.push(lane);
    partnerById.set(lane.id, lane);
  }
  const laneIndex = new Map(partners.map((p, i) => [p.id, i]));
  steps.sort(
    (a, b) => (laneIndex.get(a.partner) ?? 0) - (laneIndex.get(b.partner) ?? 0) || a.x - b.x || byKey(a.id, b.id),
  );
  const stepById = new Map(steps.map((s) => [s.id, s]));

  const flows: Flow[] = [];
  for (const id of [...r.flows.keys()].sort(byKey)) {
    const m = entity(r.flows, id);
    if (!m) continue;
    const from = readString(m, 'from');
    const to = readString(m, 'to');
    if (!stepById.has(from) || !stepById.has(to)) continue;
    flows.push(
      Object.freeze({
        id,
        from,
        to,
        label: readString(m, 'label'),
        kind: readEnum(m, 'kind', FLOW_KINDS, DEFAULTS.flow.kind),
        status: readEnum(m, 'status', FLOW_STATUSES, DEFAULTS.flow.status),
        note: readString(m, 'note'),
      }),
    );
  }
  const flowById = new Map(flows.map((f) => [f.id, f]));

  return Object.freeze({
    meta,
    partners: Object.freeze(partners),
    steps: Object.freeze(steps),
    flows: Object.freeze(flows),
    partnerById,
    stepById,
    flowById,
  });
}
