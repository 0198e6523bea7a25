import { z } from 'zod';
import { flowSchema, metaFields, partnerSchema, stepSchema } from '../model/entities.js';
import { LIMITS } from '../model/limits.js';

/** The value of the `format` field of every JSON v1 file. */
export const FORMAT_NAME = 'ketenkaart';
/** The JSON format version this code reads and writes. */
export const FORMAT_VERSION = 1;

const entityList = (max: number, what: string) =>
  z.array(z.unknown()).max(max, { message: `more than ${max} ${what}` });

/**
 * The file around its entities (rule SH-J1): the lists are checked for their type and length
 * only; each entity is checked on its own against `ENTITY_SCHEMAS`, so that validation can stop
 * at the problem limit (SH-J13). Unknown fields are ignored, not kept.
 */
export const envelopeSchema = z.object({
  format: z.literal(FORMAT_NAME, { message: `format must be "${FORMAT_NAME}"` }),
  version: z.literal(FORMAT_VERSION, { message: `version must be ${FORMAT_VERSION}` }),
  title: metaFields.title,
  description: metaFields.description.optional(),
  partners: entityList(LIMITS.partners, 'partners'),
  steps: entityList(LIMITS.steps, 'steps'),
  flows: entityList(LIMITS.flows, 'flows'),
});

/** The schema of one entry of each list. */
export const ENTITY_SCHEMAS = { partners: partnerSchema, steps: stepSchema, flows: flowSchema } as const;

/** The whole JSON v1 document (rule SH-J1), as `parseMapFile` returns it. */
export type MapFile = Omit<z.infer<typeof envelopeSchema>, 'partners' | 'steps' | 'flows'> & {
  partners: z.infer<typeof partnerSchema>[];
  steps: z.infer<typeof stepSchema>[];
  flows: z.infer<typeof flowSchema>[];
};
