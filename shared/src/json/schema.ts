import { z } from 'zod';
import { flowSchema, metaFields, partnerSchema, stepSchema } from '../model/entities.js';
import { LIMITS } from '../model/limits.js';

/** The value of the `format` field of every JSON v1 file. */
export const FORMAT_NAME = 'ketenkaart';
/** The JSON format version this code reads and writes. */
export const FORMAT_VERSION = 1;

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
