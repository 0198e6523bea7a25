import { z } from 'zod';
import type * as Y from 'yjs';
import { entity, newEntity, roots } from '../model/doc.js';
import { newId } from '../model/ids.js';
import { flowValues } from '../model/defaults.js';
import { flowFields, flowSchema, idSchema } from '../model/entities.js';
import { ModelError } from '../model/errors.js';
import { ORIGINS, type Origin } from '../origins.js';
import { check, writeFields } from './validate.js';

const flowInput = flowSchema.extend({ id: idSchema.optional() }).strict();
export type FlowInput = z.input<typeof flowInput>;

const flowPatch = z
  .object({ label: flowFields.label, kind: flowFields.kind, status: flowFields.status, note: flowFields.note })
  .partial()
  .strict();
export type FlowPatch = z.infer<typeof flowPatch>;

/** Connects two existing, different steps with a flow; returns its id (rule SH-O8). */
export function connect(doc: Y.Doc, input: FlowInput, origin: Origin = ORIGINS.local): string {
  const valid = check(flowInput, input, 'flow');
  const r = roots(doc);
  if (valid.from === valid.to) throw new ModelError('a flow needs two different steps');
  for (const end of [valid.from, valid.to]) if (!entity(r.steps, end)) throw new ModelError(`no step "${end}"`);
  const id = valid.id ?? newId('f');
  if (r.flows.has(id)) throw new ModelError(`flow "${id}" already exists`);
  doc.transact(() => {
    r.flows.set(id, newEntity(flowValues(valid)));
  }, origin);
  return id;
}

/** Changes label, kind, status or note; returns false if the flow no longer exists. */
export function updateFlow(doc: Y.Doc, id: string, patch: FlowPatch, origin: Origin = ORIGINS.local): boolean {
  const valid = check(flowPatch, patch, 'flow');
  const map = entity(roots(doc).flows, id);
  if (!map) return false;
  doc.transact(() => writeFields(map, valid), origin);
  return true;
}

/** Removes flows; returns how many existed (rule SH-O8). */
export function disconnect(doc: Y.Doc, ids: readonly string[], origin: Origin = ORIGINS.local): number {
  const flows = roots(doc).flows;
  const present = ids.filter((id) => flows.has(id));
  if (present.length === 0) return 0;
  doc.transact(() => {
    for (const id of present) flows.delete(id);
  }, origin);
  return present.length;
}
