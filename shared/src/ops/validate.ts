import type { z } from 'zod';
import { idSchema } from '../model/entities.js';
import { ModelError } from '../model/errors.js';

/** Parses operation input with a schema, throwing a ModelError that names the field. */
export function check<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new ModelError(`${what}${field ? `.${field}` : ''}: ${issue?.message ?? 'invalid'}`);
}

export function checkId(id: unknown, what: string): string {
  return check(idSchema, id, what);
}

/** Writes the defined keys of a patch into an entity map. */
export function writeFields(map: { set(key: string, value: unknown): unknown }, patch: object): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) map.set(key, value);
  }
}
