import { z } from 'zod';
import type * as Y from 'yjs';
import { readNumber } from '../model/coerce.js';
import { entity, newEntity, roots } from '../model/doc.js';
import { newId } from '../model/ids.js';
import { stepValues } from '../model/defaults.js';
import { idSchema, stepFields, stepSchema } from '../model/entities.js';
import { ModelError } from '../model/errors.js';
import { ORIGINS, type Origin } from '../origins.js';
import { check, writeFields } from './validate.js';

const stepInput = stepSchema.extend({ id: idSchema.optional() }).strict();
export type StepInput = z.input<typeof stepInput>;

const stepPatch = z
  .object({
    label: stepFields.label,
    kind: stepFields.kind,
    description: stepFields.description,
    contact: stepFields.contact,
  })
  .partial()
  .strict();
export type StepPatch = z.infer<typeof stepPatch>;

const moveInput = z
  .array(z.object({ id: idSchema, x: stepFields.x, y: stepFields.y, partner: idSchema.optional() }).strict())
  .max(100_000);
export type StepMove = z.input<typeof moveInput>[number];

/** Coordinates are stored as whole pixels: smaller updates, no float noise (rule SH-M5). */
const px = (n: number): number => Math.round(n);

function requirePartner(doc: Y.Doc, partner: string): void {
  if (!entity(roots(doc).partners, partner)) throw new ModelError(`no partner "${partner}"`);
}

/** Adds a step to a partner's lane; returns its id (rule SH-O5). */
export function addStep(doc: Y.Doc, input: StepInput, origin: Origin = ORIGINS.local): string {
  const valid = check(stepInput, input, 'step');
  requirePartner(doc, valid.partner);
  const id = valid.id ?? newId('s');
  const steps = roots(doc).steps;
  if (steps.has(id)) throw new ModelError(`step "${id}" already exists`);
  doc.transact(() => {
    steps.set(
      id,
      newEntity({
        ...stepValues(valid),
        x: px(valid.x ?? 0),
        y: px(valid.y ?? 0),
      }),
    );
  }, origin);
  return id;
}

/** Changes label, kind, description or contact; returns false if the step no longer exists. */
export function updateStep(doc: Y.Doc, id: string, patch: StepPatch, origin: Origin = ORIGINS.local): boolean {
  const valid = check(stepPatch, patch, 'step');
  const map = entity(roots(doc).steps, id);
  if (!map) return false;
  doc.transact(() => writeFields(map, valid), origin);
  return true;
}

/**
 * Moves many steps in one transaction; a move with `partner` also moves the step
 * to that lane, with `y` relative to the new lane. Steps that no longer exist are
 * skipped; returns how many moved (rule SH-O6). Unchanged fields are not rewritten.
 */
export function moveSteps(doc: Y.Doc, moves: readonly StepMove[], origin: Origin = ORIGINS.local): number {
  const valid = check(moveInput, moves, 'moves');
  const r = roots(doc);
  for (const m of valid) if (m.partner !== undefined) requirePartner(doc, m.partner);
  let moved = 0;
  doc.transact(() => {
    for (const m of valid) {
      const map = entity(r.steps, m.id);
      if (!map) continue;
      moved++;
      const x = px(m.x);
      const y = px(m.y);
      if (map.get('x') !== x) map.set('x', x);
      if (map.get('y') !== y) map.set('y', y);
      if (m.partner !== undefined && map.get('partner') !== m.partner) map.set('partner', m.partner);
    }
  }, origin);
  return moved;
}

/** Moves one step to another partner's lane, keeping x and (unless given) y (rule SH-O6). */
export function moveStepToPartner(
  doc: Y.Doc,
  id: string,
  partner: string,
  y?: number,
  origin: Origin = ORIGINS.local,
): boolean {
  requirePartner(doc, partner);
  const map = entity(roots(doc).steps, id);
  if (!map) return false;
  const move = { id, x: readNumber(map, 'x', 0), y: y ?? readNumber(map, 'y', 0, 0), partner };
  return moveSteps(doc, [move], origin) === 1;
}

/** Deletes every flow that starts or ends at one of the steps. Call inside a transaction. */
function removeFlowsTouching(doc: Y.Doc, stepIds: ReadonlySet<string>): void {
  const flows = roots(doc).flows;
  for (const id of [...flows.keys()]) {
    const flow = entity(flows, id);
    if (flow && (stepIds.has(String(flow.get('from'))) || stepIds.has(String(flow.get('to'))))) flows.delete(id);
  }
}

/** Removes steps and every flow touching them; returns how many steps were removed (rule SH-O7). */
export function removeSteps(doc: Y.Doc, ids: readonly string[], origin: Origin = ORIGINS.local): number {
  const steps = roots(doc).steps;
  const present = new Set(ids.filter((id) => entity(steps, id)));
  if (present.size === 0) return 0;
  doc.transact(() => {
    removeFlowsTouching(doc, present);
    for (const id of present) steps.delete(id);
  }, origin);
  return present.size;
}

/** Removes every step in a lane, with its flows. Call inside a transaction. */
export function removeStepsIn(doc: Y.Doc, partner: string): void {
  const steps = roots(doc).steps;
  const inLane = new Set<string>();
  for (const [id, step] of steps.entries()) if (entity(steps, id) && step.get('partner') === partner) inLane.add(id);
  removeFlowsTouching(doc, inLane);
  for (const id of inLane) steps.delete(id);
}
