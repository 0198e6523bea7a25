import { LIMITS } from '../model/limits.js';

/** One thing wrong with an input, at a JSON path such as `$.steps[3].label`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Formats a path of keys and indices as `$.a[0].b`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/**
 * Thrown when a JSON file or a content replacement is rejected (rule SH-J4).
 * Lists every problem (up to `LIMITS.problems`), each with its JSON path.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly problems: readonly Problem[];
  /** How many problems were found in all, possibly more than listed. */
  readonly total: number;

  constructor(problems: readonly Problem[]) {
    const listed = problems.slice(0, LIMITS.problems);
    const first = listed[0];
    super(
      first
        ? `Invalid ketenkaart file: ${first.path}: ${first.message}` +
            (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '')
        : 'Invalid ketenkaart file',
    );
    this.problems = listed;
    this.total = problems.length;
  }
}
