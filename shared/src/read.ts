import type * as Y from 'yjs';
import { readEnum, readNumber, readString } from './model/coerce.js';
import { entity, roots, SCHEMA_VERSION, type EntityMap } from './model/doc.js';
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
 * What changed in a document since a snapshot was read: the ids of the entities written to
 * (a field set, or the entity itself added, replaced or removed) and whether `meta` was.
 * `all` means unknown: everything is read again.
 */
export interface MapChanges {
  all: boolean;
  meta: boolean;
  readonly partners: Set<string>;
  readonly steps: Set<string>;
  readonly flows: Set<string>;
}

/** An empty change set, to fill with `trackChanges`. */
export const noChanges = (): MapChanges => ({
  all: false,
  meta: false,
  partners: new Set(),
  steps: new Set(),
  flows: new Set(),
});

/**
 * Notes into `into` every entity each transaction of `doc` touches, from the deep events of the
 * four roots (they fire before the doc's `update` event). Returns the function that stops it.
 */
export function trackChanges(doc: Y.Doc, into: () => MapChanges): () => void {
  const r = roots(doc);
  const watch = (kind: 'partners' | 'steps' | 'flows') => (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changes = into();
    for (const event of events) {
      if (event.target === r[kind]) {
        for (const id of event.changes.keys.keys()) changes[kind].add(id);
        continue;
      }
      // A field of an entity, or something nested deeper that a peer wrote: the entity is its first key.
      const id = event.path[0];
      if (typeof id === 'string') changes[kind].add(id);
      else changes.all = true;
    }
  };
  const partners = watch('partners');
  const steps = watch('steps');
  const flows = watch('flows');
  const meta = (): void => {
    into().meta = true;
  };
  r.partners.observeDeep(partners);
  r.steps.observeDeep(steps);
  r.flows.observeDeep(flows);
  r.meta.observeDeep(meta);
  return () => {
    r.partners.unobserveDeep(partners);
    r.steps.unobserveDeep(steps);
    r.flows.unobserveDeep(flows);
    r.meta.unobserveDeep(meta);
  };
}

/** A previous snapshot and what changed in the document since it was read (rule SH-M10). */
export interface ReadReuse {
  readonly previous: MapSnapshot;
  readonly changes: MapChanges;
}

/**
 * A plain, frozen snapshot of the document for rendering (rules SH-M6 to SH-M9).
 * Deterministic for a given document state and never throws on odd data from a
 * peer: dangling flows are skipped, orphan steps go to the unassigned lane, odd
 * fields fall back to their defaults, coordinates are clamped.
 *
 * With `reuse`, the entities that did not change keep their frozen objects from the previous
 * snapshot (rule SH-M10): only the changed ones are read from the doc, and the result equals
 * a full read.
 */
export function readMap(doc: Y.Doc, reuse?: ReadReuse): MapSnapshot {
  const r = roots(doc);
  const prev = reuse && !reuse.changes.all ? reuse.previous : undefined;
  const changed = reuse?.changes;
  const meta =
    prev && !changed?.meta
      ? prev.meta
      : Object.freeze({
          title: typeof r.meta.get('title') === 'string' ? (r.meta.get('title') as string) : '',
          description: typeof r.meta.get('description') === 'string' ? (r.meta.get('description') as string) : '',
          schemaVersion:
            typeof r.meta.get('schemaVersion') === 'number' ? (r.meta.get('schemaVersion') as number) : SCHEMA_VERSION,
        });

  const partners: Partner[] = [];
  for (const id of [...r.partners.keys()].sort(byKey)) {
    const kept = prev && !changed?.partners.has(id) ? prev.partnerById.get(id) : undefined;
    if (kept && !kept.unassigned) {
      partners.push(kept);
      continue;
    }
    const m = entity(r.partners, id);
    if (m) partners.push(readPartner(id, m));
  }
  partners.sort((a, b) => a.order - b.order || byKey(a.id, b.id));
  const partnerById = new Map(partners.map((p) => [p.id, p]));

  const steps: Step[] = [];
  let orphans = false;
  for (const id of r.steps.keys()) {
    // A kept step's lane must still exist; an orphan is read again (its partner may be back).
    const kept = prev && !changed?.steps.has(id) ? prev.stepById.get(id) : undefined;
    if (kept && partnerById.has(kept.partner)) {
      steps.push(kept);
      continue;
    }
    const m = entity(r.steps, id);
    if (!m) continue;
    const step = readStep(id, m, partnerById);
    orphans ||= step.partner === UNASSIGNED_ID;
    steps.push(step);
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
    const kept = prev && !changed?.flows.has(id) ? prev.flowById.get(id) : undefined;
    const flow = kept ?? readFlow(id, entity(r.flows, id));
    if (flow && stepById.has(flow.from) && stepById.has(flow.to)) flows.push(flow);
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

function readPartner(id: string, m: EntityMap): Partner {
  const color = readString(m, 'color');
  return Object.freeze({
    id,
    name: readString(m, 'name'),
    color: COLOR_PATTERN.test(color) ? color : DEFAULTS.partner.color,
    order: readNumber(m, 'order', LAST_ORDER, -LAST_ORDER, LAST_ORDER),
    description: readString(m, 'description'),
    unassigned: false,
  });
}

function readStep(id: string, m: EntityMap, partnerById: ReadonlyMap<string, Partner>): Step {
  const partner = readString(m, 'partner');
  return Object.freeze({
    id,
    partner: partnerById.has(partner) ? partner : UNASSIGNED_ID,
    label: readString(m, 'label'),
    kind: readEnum(m, 'kind', STEP_KINDS, DEFAULTS.step.kind),
    description: readString(m, 'description'),
    contact: readString(m, 'contact'),
    x: readNumber(m, 'x', 0),
    y: readNumber(m, 'y', 0, 0, LIMITS.coordinate),
  });
}

function readFlow(id: string, m: EntityMap | undefined): Flow | undefined {
  if (!m) return undefined;
  return Object.freeze({
    id,
    from: readString(m, 'from'),
    to: readString(m, 'to'),
    label: readString(m, 'label'),
    kind: readEnum(m, 'kind', FLOW_KINDS, DEFAULTS.flow.kind),
    status: readEnum(m, 'status', FLOW_STATUSES, DEFAULTS.flow.status),
    note: readString(m, 'note'),
  });
}
