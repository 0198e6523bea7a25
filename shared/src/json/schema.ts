import { z } from 'zod';
import { COLOR_PATTERN, ID_PATTERN, LIMITS } from '../model/limits.js';
import { FLOW_KINDS, FLOW_STATUSES, STEP_KINDS } from '../model/types.js';

/** The value of the `format` field of every JSON v1 file. */
export const FORMAT_NAME = 'ketenkaart';
/** The JSON format version this code reads and writes. */
export const FORMAT_VERSION = 1;

const text = (max: number) => z.string().max(max, { message: `longer than ${max} characters` });

export const idSchema = z
  .string()
  .min(1, { message: 'empty id' })
  .max(LIMITS.idChars, { message: `id longer than ${LIMITS.idChars} characters` })
  .regex(ID_PATTERN, { message: 'id may hold only letters, digits and _ - . :' });

const coordinate = z
  .number()
  .refine(Number.isFinite, { message: 'not a finite number' })
  .refine((n) => Math.abs(n) <= LIMITS.coordinate, {
    message: `outside ±${LIMITS.coordinate}`,
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

export const metaFields = {
  title: text(LIMITS.titleChars),
  description: text(LIMITS.descriptionChars),
};

/** Defaults for optional fields (rule SH-J3). */
export const DEFAULTS = {
  partner: { color: '#6e7781', description: '' },
  step: { kind: 'activity', description: '', contact: '' },
  flow: { label: '', kind: 'document', status: 'ok', note: '' },
  meta: { description: '' },
} as const;

/** A partner record of the file; operations reuse it with an optional id. */
export const partnerSchema = z.object({
  id: idSchema,
  name: partnerFields.name,
  color: partnerFields.color.optional(),
  description: partnerFields.description.optional(),
});

/** A step record of the file; operations reuse it with an optional id. */
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

/** A flow record of the file; operations reuse it with an optional id. */
export const flowSchema = z.object({
  id: idSchema,
  from: flowFields.from,
  to: flowFields.to,
  label: flowFields.label.optional(),
  kind: flowFields.kind.optional(),
  status: flowFields.status.optional(),
  note: flowFields.note.optional(),
});

/** The whole JSON v1 document (rule SH-J1). Unknown fields are ignored, not kept. */
export const mapFileSchema = z.object({
  format: z.literal(FORMAT_NAME, { message: `format must be "${FORMAT_NAME}"` }),
  version: z.literal(FORMAT_VERSION, { message: `version must be ${FORMAT_VERSION}` }),
  title: metaFields.title,
  description: metaFields.description.optional(),
  partners: z.array(partnerSchema).max(LIMITS.partners, { message: `more than ${LIMITS.partners} partners` }),
  steps: z.array(stepSchema).max(LIMITS.steps, { message: `more than ${LIMITS.steps} steps` }),
  flows: z.array(flowSchema).max(LIMITS.flows, { message: `more than ${LIMITS.flows} flows` }),
});

export type MapFile = z.infer<typeof mapFileSchema>;
export type PartnerRecord = z.infer<typeof partnerSchema>;
export type StepRecord = z.infer<typeof stepSchema>;
export type FlowRecord = z.infer<typeof flowSchema>;
