import { LIMITS } from '../model/limits.js';
import { findHostileKeys } from './hostile.js';
import type { Problem } from './problems.js';
import { problemOf } from './issues.js';
import { ImportError } from './problems.js';
import { findReferenceProblems } from './references.js';
import { type MapFile, mapFileSchema } from './schema.js';

/**
 * Parses and validates a JSON v1 file as a whole (rules SH-J1 to SH-J6). Returns the file
 * with unknown fields dropped, or throws an ImportError listing every problem.
 */
export function parseMapFile(text: unknown): MapFile {
  if (typeof text !== 'string') throw new ImportError([{ path: '$', code: 'notText', message: 'not a text' }]);
  if (text.length > LIMITS.fileChars) {
    throw new ImportError([
      {
        path: '$',
        code: 'fileTooLarge',
        message: `file larger than ${LIMITS.fileChars} characters`,
        params: { max: LIMITS.fileChars },
      },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError([{ path: '$', code: 'notJson', message: `not JSON: ${(error as Error).message}` }]);
  }
  return validateMapFile(data);
}

/** Validates already-parsed JSON: hostile keys first, then the schema and the references together. */
function validateMapFile(data: unknown): MapFile {
  const problems: Problem[] = findHostileKeys(data);
  if (problems.length > 0) throw new ImportError(problems);
  // The input goes into each issue so that a missing field can be told from a mistyped one.
  const result = mapFileSchema.safeParse(data, { reportInput: true });
  if (!result.success) for (const issue of result.error.issues) problems.push(problemOf(issue));
  problems.push(...findReferenceProblems(data));
  if (problems.length > 0 || !result.success) throw new ImportError(problems);
  return result.data;
}
