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

/** Longest piece of a file's own text quoted in a message, so that an answer stays small. */
const QUOTE_CHARS = 64;

/** A value from the file, quoted for a message and cut at `QUOTE_CHARS` characters. */
export function quoted(value: string): string {
  return value.length <= QUOTE_CHARS ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, QUOTE_CHARS))}…`;
}

/**
 * The problems found so far, at most `LIMITS.problems` (rule SH-J13): every check adds to one
 * list and stops looking as soon as it is `full`, so that no input makes validation collect
 * more than the limit.
 */
export class ProblemList {
  readonly items: Problem[] = [];

  /** Whether the limit is reached: checks stop, and the error says more may follow. */
  get full(): boolean {
    return this.items.length >= LIMITS.problems;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Adds a problem unless the list is full; returns `full` afterwards. */
  add(path: readonly PropertyKey[] | string, message: string): boolean {
    if (!this.full) this.items.push({ path: typeof path === 'string' ? path : jsonPath(path), message });
    return this.full;
  }
}

/**
 * Thrown when a JSON file or a content replacement is rejected (rule SH-J4). Lists its
 * problems (up to `LIMITS.problems`), each with its JSON path.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly problems: readonly Problem[];
  /** True when checking stopped at `LIMITS.problems`: the file may hold more problems (SH-J13). */
  readonly truncated: boolean;

  constructor(problems: readonly Problem[] | ProblemList) {
    const all = problems instanceof ProblemList ? problems.items : problems;
    const listed = all.slice(0, LIMITS.problems);
    const truncated = all.length >= LIMITS.problems;
    const first = listed[0];
    const more = truncated ? ` (and ${listed.length - 1} or more others)` : ` (and ${listed.length - 1} more)`;
    super(
      first
        ? `Invalid ketenkaart file: ${first.path}: ${first.message}${listed.length > 1 ? more : ''}`
        : 'Invalid ketenkaart file',
    );
    this.problems = listed;
    this.truncated = truncated;
  }
}
