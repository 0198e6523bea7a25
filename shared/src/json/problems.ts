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
