import { z } from 'zod';
import type * as Y from 'yjs';
import { entity, newEntity, roots } from '../model/doc.js';
import { newId } from '../model/ids.js';
import { partnerValues } from '../model/defaults.js';
import { idSchema, partnerFields, partnerSchema } from '../model/entities.js';
import { ModelError } from '../model/errors.js';
import { ORIGINS, type Origin } from '../origins.js';
import { readMap } from '../read.js';
import { removeStepsIn } from './steps.js';
import { check, checkId, writeFields } from './validate.js';

const partnerInput = partnerSchema
  .extend({ id: idSchema.optional(), order: z.number().refine(Number.isFinite).optional() })
  .strict();
export type PartnerInput = z.input<typeof partnerInput>;

const partnerPatch = z.object(partnerFields).partial().strict();
export type PartnerPatch = z.infer<typeof partnerPatch>;

/** The largest `order` in use, or -1. */
function maxOrder(doc: Y.Doc): number {
  let max = -1;
  for (const p of readMap(doc).partners) if (!p.unassigned && p.order > max) max = p.order;
  return max;
}

/** Adds a partner lane, by default below all others; returns its id (rule SH-O2). */
export function addPartner(doc: Y.Doc, input: PartnerInput, origin: Origin = ORIGINS.local): string {
  const valid = check(partnerInput, input, 'partner');
  const id = valid.id ?? newId('p');
  const partners = roots(doc).partners;
  if (partners.has(id)) throw new ModelError(`partner "${id}" already exists`);
  doc.transact(() => {
    partners.set(
      id,
      newEntity({
        ...partnerValues(valid),
        order: valid.order ?? maxOrder(doc) + 1,
      }),
    );
  }, origin);
  return id;
}

/** Changes fields of a partner; returns false if it no longer exists. */
export function updatePartner(doc: Y.Doc, id: string, patch: PartnerPatch, origin: Origin = ORIGINS.local): boolean {
  const valid = check(partnerPatch, patch, 'partner');
  const map = entity(roots(doc).partners, id);
  if (!map) return false;
  doc.transact(() => writeFields(map, valid), origin);
  return true;
}

/** What happens to a removed partner's steps: removed with their flows, or moved to another lane. */
export type RemovePartnerSteps = { readonly steps: 'remove' } | { readonly steps: 'reassign'; readonly to: string };

/** Removes a partner and removes or reassigns its steps (rule SH-O3). */
export function removePartner(
  doc: Y.Doc,
  id: string,
  how: RemovePartnerSteps,
  origin: Origin = ORIGINS.local,
): boolean {
  const r = roots(doc);
  if (!entity(r.partners, id)) return false;
  if (how.steps === 'reassign') {
    checkId(how.to, 'reassign.to');
    if (how.to === id || !entity(r.partners, how.to))
      throw new ModelError(`no other partner "${how.to}" to move steps to`);
  }
  doc.transact(() => {
    if (how.steps === 'remove') {
      removeStepsIn(doc, id);
    } else {
      // Peers may have written values that are not entities under `steps` (SH-M11): skip them.
      for (const stepId of [...r.steps.keys()]) {
        const step = entity(r.steps, stepId);
        if (step?.get('partner') === id) step.set('partner', how.to);
      }
    }
    r.partners.delete(id);
  }, origin);
  return true;
}

/** Sets the lane order to the given ids; partners not listed keep their place after them (rule SH-O4). */
export function reorderPartners(doc: Y.Doc, ids: readonly string[], origin: Origin = ORIGINS.local): void {
  const r = roots(doc);
  const listed = new Set(ids);
  const rest = readMap(doc)
    .partners.filter((p) => !p.unassigned && !listed.has(p.id))
    .map((p) => p.id);
  doc.transact(() => {
    [...ids, ...rest].forEach((id, index) => {
      const map = entity(r.partners, id);
      if (map && map.get('order') !== index) map.set('order', index);
    });
  }, origin);
}

/**
 * Moves one lane to a new index by giving it an order between its new neighbours,
 * so that concurrent moves of different lanes never clash (rule SH-O4).
 */
export function movePartner(doc: Y.Doc, id: string, toIndex: number, origin: Origin = ORIGINS.local): boolean {
  const map = entity(roots(doc).partners, id);
  if (!map) return false;
  const others = readMap(doc).partners.filter((p) => !p.unassigned && p.id !== id);
  const index = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
  const before = others[index - 1]?.order;
  const after = others[index]?.order;
  let order: number;
  if (before === undefined && after === undefined) order = 0;
  else if (before === undefined) order = (after as number) - 1;
  else if (after === undefined) order = before + 1;
  else order = before === after ? before : (before + after) / 2;
  if (before !== undefined && after !== undefined && (order <= before || order >= after)) {
    // No room left between the neighbours (equal or adjacent floats): renumber all.
    reorderPartners(
      doc,
      [...others.slice(0, index).map((p) => p.id), id, ...others.slice(index).map((p) => p.id)],
      origin,
    );
    return true;
  }
  doc.transact(() => map.set('order', order), origin);
  return true;
}
