import { LIMITS } from '../model/limits.js';

/**
 * What is wrong, as a stable code (rule SH-J11): clients translate a problem from its code and
 * `params`; `message` is the same in English for the API and logs. A code is never renamed.
 */
export const PROBLEM_CODES = [
  'notText', // the input is not a text at all
  'fileTooLarge', // params.max: characters
  'notJson', // the text does not parse as JSON
  'tooDeep', // params.max: nesting levels
  'forbiddenKey', // params.key: __proto__, constructor or prototype
  'required', // a required field is missing
  'wrongType', // params.expected: string, number, array, object...
  'badFormat', // `format` is not "ketenkaart"
  'badVersion', // params.expected: the version this code reads
  'badValue', // params.allowed: the allowed values, comma-separated
  'empty', // an empty id or partner name
  'tooLong', // params.max: characters
  'tooMany', // params.max: items of a list
  'badId', // not 1-128 of A-Z a-z 0-9 _ - . :
  'badColor', // not #rgb or #rrggbb
  'notFinite', // a coordinate that is not a finite number
  'outOfRange', // params.max: the largest absolute value
  'duplicateId', // params.id
  'unknownPartner', // params.id: a step's partner that is not in the file
  'unknownStep', // params.id: a flow's end that is not in the file
  'invalid', // anything else (the message says what)
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with an input, at a JSON path such as `$.steps[3].label`. */
export interface Problem {
  readonly path: string;
  readonly code: ProblemCode;
  /** The problem in English, for the API and logs. */
  readonly message: string;
  /** Values the message names (a limit, an id, the allowed values), for translations. */
  readonly params?: Readonly<Record<string, string | number>>;
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
  add(
    path: readonly PropertyKey[] | string,
    code: ProblemCode,
    message: string,
    params?: Readonly<Record<string, string | number>>,
  ): boolean {
    const at = typeof path === 'string' ? path : jsonPath(path);
    return this.push(params ? { path: at, code, message, params } : { path: at, code, message });
  }

  /** Adds a whole problem unless the list is full; returns `full` afterwards. */
  push(problem: Problem): boolean {
    if (!this.full) this.items.push(problem);
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
