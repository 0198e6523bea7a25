import * as Y from 'yjs';

/** The Y.Doc layout version written to `meta.schemaVersion`. */
export const SCHEMA_VERSION = 1;

/** Names of the top-level shared types (rule SH-M1). */
const ROOTS = {
  meta: 'meta',
  partners: 'partners',
  steps: 'steps',
  flows: 'flows',
} as const;

/** An entity: a nested Y.Map with one key per field (rule SH-M2). */
export type EntityMap = Y.Map<unknown>;

export interface MapRoots {
  readonly meta: Y.Map<unknown>;
  readonly partners: Y.Map<EntityMap>;
  readonly steps: Y.Map<EntityMap>;
  readonly flows: Y.Map<EntityMap>;
}

/** The four top-level maps of a chain-map document. */
export function roots(doc: Y.Doc): MapRoots {
  return {
    meta: doc.getMap<unknown>(ROOTS.meta),
    partners: doc.getMap<EntityMap>(ROOTS.partners),
    steps: doc.getMap<EntityMap>(ROOTS.steps),
    flows: doc.getMap<EntityMap>(ROOTS.flows),
  };
}

/** The shared types an UndoManager must watch to undo any model operation. */
export function undoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  const r = roots(doc);
  return [r.meta, r.partners, r.steps, r.flows] as Y.AbstractType<unknown>[];
}

/** Reads an entity map from a parent, ignoring values that are not Y.Maps (peers may write anything). */
export function entity(parent: Y.Map<EntityMap>, id: string): EntityMap | undefined {
  const value: unknown = parent.get(id);
  return value instanceof Y.Map ? (value as EntityMap) : undefined;
}

/** Creates a detached entity map holding the given fields. */
export function newEntity(fields: Record<string, unknown>): EntityMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) map.set(key, value);
  }
  return map;
}
