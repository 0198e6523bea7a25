import { LIMITS } from '../model/limits.js';
import { findTooDeep } from './depth.js';
import { findHostileKeys } from './hostile.js';
import { problemOf } from './issues.js';
import { ImportError, ProblemList } from './problems.js';
import { findReferenceProblems } from './references.js';
import { ENTITY_SCHEMAS, envelopeSchema, type MapFile } from './schema.js';

/**
 * Parses and validates a JSON v1 file as a whole (rules SH-J1 to SH-J6, SH-J13). Returns the
 * file with unknown fields dropped, or throws an ImportError listing its problems (at most
 * `LIMITS.problems`; checking stops there).
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
  const tooDeep = findTooDeep(text);
  if (tooDeep) throw new ImportError([tooDeep]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError([{ path: '$', code: 'notJson', message: `not JSON: ${(error as Error).message}` }]);
  }
  return validateMapFile(data);
}

type Kind = keyof typeof ENTITY_SCHEMAS;
const KINDS: readonly Kind[] = ['partners', 'steps', 'flows'];

/**
 * Validates parsed JSON in stages, each stopping once the problem list is full (SH-J13):
 * hostile keys (alone: such a file is not looked at further), the envelope, each entity in file
 * order, then the references.
 */
function validateMapFile(data: unknown): MapFile {
  const problems = new ProblemList();
  findHostileKeys(data, problems);
  if (!problems.empty) throw new ImportError(problems);
  // The input goes into each issue so that a missing field can be told from a mistyped one.
  const envelope = envelopeSchema.safeParse(data, { reportInput: true });
  if (!envelope.success) {
    for (const issue of envelope.error.issues) if (problems.push(problemOf(issue))) break;
  }
  const entities: Record<Kind, unknown[]> = { partners: [], steps: [], flows: [] };
  const raw = (data ?? {}) as Record<string, unknown>;
  for (const kind of KINDS) {
    const list = raw[kind];
    // A list over its limit is reported as a whole (by the envelope), not entry by entry.
    if (!Array.isArray(list) || list.length > LIMITS[kind]) continue;
    const schema = ENTITY_SCHEMAS[kind];
    for (let i = 0; i < list.length && !problems.full; i++) {
      const result = schema.safeParse(list[i], { reportInput: true });
      if (result.success) entities[kind].push(result.data);
      else {
        for (const issue of result.error.issues) {
          if (problems.push(problemOf({ ...issue, path: [kind, i, ...issue.path] }))) break;
        }
      }
    }
  }
  if (!problems.full) findReferenceProblems(data, problems);
  if (!envelope.success || !problems.empty) throw new ImportError(problems);
  return {
    ...envelope.data,
    partners: entities.partners as MapFile['partners'],
    steps: entities.steps as MapFile['steps'],
    flows: entities.flows as MapFile['flows'],
  };
}
