import type { ProblemList } from './problems.js';
import { quoted } from './problems.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const list = (file: Record<string, unknown>, key: string): unknown[] => {
  const value = file[key];
  return Array.isArray(value) ? value : [];
};

/** The field of a list entry, or undefined when the entry is not an object. */
const field = (entry: unknown, key: string): unknown => (isRecord(entry) ? entry[key] : undefined);

/**
 * Checks the references inside a file (rule SH-J2): ids unique per kind, every step in a
 * listed partner, every flow between listed steps. Tolerates any shape, so that these
 * problems are reported together with the schema's; stops once `problems` is full (SH-J13).
 */
export function findReferenceProblems(file: unknown, problems: ProblemList): void {
  if (!isRecord(file)) return;
  const ids = (key: 'partners' | 'steps' | 'flows'): Set<string> => {
    const seen = new Set<string>();
    const entries = list(file, key);
    for (let i = 0; i < entries.length && !problems.full; i++) {
      const id = field(entries[i], 'id');
      if (typeof id !== 'string') continue;
      if (seen.has(id)) problems.add([key, i, 'id'], 'duplicateId', `duplicate id ${quoted(id)}`, { id });
      seen.add(id);
    }
    return seen;
  };
  const partnerIds = ids('partners');
  const stepIds = ids('steps');
  ids('flows');
  const steps = list(file, 'steps');
  for (let i = 0; i < steps.length && !problems.full; i++) {
    const partner = field(steps[i], 'partner');
    if (typeof partner === 'string' && !partnerIds.has(partner)) {
      problems.add(['steps', i, 'partner'], 'unknownPartner', `no partner with id ${quoted(partner)}`, {
        id: partner,
      });
    }
  }
  const flows = list(file, 'flows');
  for (let i = 0; i < flows.length && !problems.full; i++) {
    for (const end of ['from', 'to'] as const) {
      const ref = field(flows[i], end);
      if (typeof ref === 'string' && !stepIds.has(ref))
        problems.add(['flows', i, end], 'unknownStep', `no step with id ${quoted(ref)}`, { id: ref });
    }
  }
}
