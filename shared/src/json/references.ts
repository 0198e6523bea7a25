import type { Problem } from './problems.js';
import { jsonPath } from './problems.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const list = (file: Record<string, unknown>, key: string): Record<string, unknown>[] => {
  const value = file[key];
  return Array.isArray(value) ? value.map((v) => (isRecord(v) ? v : {})) : [];
};

/**
 * Checks the references inside a file (rule SH-J2): ids unique per kind, every step in a
 * listed partner, every flow between listed steps. Tolerates any shape, so that these
 * problems are reported together with the schema's.
 */
export function findReferenceProblems(file: unknown): Problem[] {
  if (!isRecord(file)) return [];
  const problems: Problem[] = [];
  const ids = (key: 'partners' | 'steps' | 'flows'): Set<string> => {
    const seen = new Set<string>();
    list(file, key).forEach((entry, i) => {
      const id = entry['id'];
      if (typeof id !== 'string') return;
      if (seen.has(id))
        problems.push({
          path: jsonPath([key, i, 'id']),
          code: 'duplicateId',
          message: `duplicate id "${id}"`,
          params: { id },
        });
      seen.add(id);
    });
    return seen;
  };
  const partnerIds = ids('partners');
  const stepIds = ids('steps');
  ids('flows');
  list(file, 'steps').forEach((step, i) => {
    const partner = step['partner'];
    if (typeof partner === 'string' && !partnerIds.has(partner)) {
      problems.push({
        path: jsonPath(['steps', i, 'partner']),
        code: 'unknownPartner',
        message: `no partner with id "${partner}"`,
        params: { id: partner },
      });
    }
  });
  list(file, 'flows').forEach((flow, i) => {
    for (const end of ['from', 'to'] as const) {
      const ref = flow[end];
      if (typeof ref === 'string' && !stepIds.has(ref)) {
        problems.push({
          path: jsonPath(['flows', i, end]),
          code: 'unknownStep',
          message: `no step with id "${ref}"`,
          params: { id: ref },
        });
      }
    }
  });
  return problems;
}
