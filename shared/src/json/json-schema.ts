/**
 * The JSON Schema (draft 2020-12) of format v1 (rule SH-JS1), generated from the zod schemas that
 * `parseMapFile` checks with: the envelope with each list's entries as their entity schemas.
 * Published as `docs/ketenkaart-v1.schema.json` (`node --import tsx scripts/json-schema.mjs`).
 */
import { z } from 'zod';
import { flowSchema, partnerSchema, stepSchema } from '../model/entities.js';
import { LIMITS } from '../model/limits.js';
import { FORMAT_VERSION, envelopeSchema } from './schema.js';

/** The schema's `$id`: a name, not a place (the file is `docs/ketenkaart-v1.schema.json`). */
export const JSON_SCHEMA_ID = 'urn:ketenkaart:format:v1';

/**
 * Format v1 as a JSON Schema of what a file may contain (zod's input side: fields with defaults
 * are optional). What a schema cannot say is left to `parseMapFile`: that ids are unique, that
 * steps and flows name existing partners and steps, the nesting depth and the file size (SH-J2-J6).
 */
export function mapFileJsonSchema(): Record<string, unknown> {
  const file = envelopeSchema.extend({
    partners: z.array(partnerSchema).max(LIMITS.partners),
    steps: z.array(stepSchema).max(LIMITS.steps),
    flows: z.array(flowSchema).max(LIMITS.flows),
  });
  const schema = z.toJSONSchema(file, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: schema.$schema,
    $id: JSON_SCHEMA_ID,
    title: `Ketenkaart JSON format v${FORMAT_VERSION}`,
    description:
      'A chain map: partners (lanes), their process steps and the flows between steps. Unknown fields are ignored. ' +
      'Not expressed here, checked on import: unique ids, references to existing partners and steps, nesting depth, file size.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
