import { z } from 'zod';
import { COLOR_PATTERN, ID_PATTERN, LIMITS } from './limits.js';
import { FLOW_KINDS, FLOW_STATUSES, STEP_KINDS } from './types.js';

const text = (max: number) => z.string().max(max, { message: `longer than ${max} characters` });

/** An entity id (rule SH-M3). */
export const idSchema = z
  .string()
  .min(1, { message: 'empty id' })
  .max(LIMITS.idChars, { message: `id longer than ${LIMITS.idChars} characters` })
  .regex(ID_PATTERN, { message: 'id may hold only letters, digits and _ - . :' });

const coordinate = z
  .number()
  .refine(Number.isFinite, { message: 'not a finite number', params: { problem: 'notFinite' } })
  .refine((n) => Math.abs(n) <= LIMITS.coordinate, {
    message: `outside ±${LIMITS.coordinate}`,
    // The problem code the JSON validation reports (shared/src/json/problems.ts).
    params: { problem: 'outOfRange', max: LIMITS.coordinate },
  });

/** Field schemas of a partner, shared by the JSON format and the operations. */
export const partnerFields = {
  name: text(LIMITS.nameChars).min(1, { message: 'a partner needs a name' }),
  color: z.string().regex(COLOR_PATTERN, { message: 'not a #rgb or #rrggbb colour' }),
  description: text(LIMITS.descriptionChars),
};

/** Field schemas of a step. */
export const stepFields = {
  partner: idSchema,
  label: text(LIMITS.labelChars),
  kind: z.enum(STEP_KINDS),
  description: text(LIMITS.descriptionChars),
  contact: text(LIMITS.contactChars),
  x: coordinate,
  y: coordinate,
};

/** Field schemas of a flow. */
export const flowFields = {
  from: idSchema,
  to: idSchema,
  label: text(LIMITS.labelChars),
  kind: z.enum(FLOW_KINDS),
  status: z.enum(FLOW_STATUSES),
  note: text(LIMITS.noteChars),
};

/** Field schemas of the map itself. */
export const metaFields = {
  title: text(LIMITS.titleChars),
  description: text(LIMITS.descriptionChars),
};

/** A partner with its id: a record of the JSON file; operations reuse it with an optional id. */
export const partnerSchema = z.object({
  id: idSchema,
  name: partnerFields.name,
  color: partnerFields.color.optional(),
  description: partnerFields.description.optional(),
});

/** A step with its id: a record of the JSON file; operations reuse it with an optional id. */
export const stepSchema = z.object({
  id: idSchema,
  partner: stepFields.partner,
  label: stepFields.label,
  kind: stepFields.kind.optional(),
  description: stepFields.description.optional(),
  contact: stepFields.contact.optional(),
  x: stepFields.x.optional(),
  y: stepFields.y.optional(),
});

/** A flow with its id: a record of the JSON file; operations reuse it with an optional id. */
export const flowSchema = z.object({
  id: idSchema,
  from: flowFields.from,
  to: flowFields.to,
  label: flowFields.label.optional(),
  kind: flowFields.kind.optional(),
  status: flowFields.status.optional(),
  note: flowFields.note.optional(),
});
