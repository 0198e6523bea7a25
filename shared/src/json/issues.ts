import type { core } from 'zod';
import { jsonPath, PROBLEM_CODES, type Problem, type ProblemCode } from './problems.js';

const KNOWN: ReadonlySet<string> = new Set(PROBLEM_CODES);

/**
 * A schema issue as a problem with a stable code (rule SH-J11). The schema's own messages
 * stay the English text; the code and params say the same for a translation. Needs issues
 * parsed with `reportInput` (a missing field has `undefined` as its input).
 */
export function problemOf(issue: core.$ZodIssue): Problem {
  const path = jsonPath(issue.path);
  const base = { path, message: issue.message };
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { ...base, code: 'required' }
        : { ...base, code: 'wrongType', params: { expected: issue.expected } };
    case 'invalid_value':
      if (path === '$.format') return { ...base, code: 'badFormat' };
      if (path === '$.version') return { ...base, code: 'badVersion', params: { expected: String(issue.values[0]) } };
      return { ...base, code: 'badValue', params: { allowed: issue.values.map(String).join(', ') } };
    case 'too_small':
      return { ...base, code: 'empty' };
    case 'too_big':
      return {
        ...base,
        code: issue.origin === 'array' ? 'tooMany' : issue.origin === 'string' ? 'tooLong' : 'outOfRange',
        params: { max: Number(issue.maximum) },
      };
    case 'invalid_format':
      return { ...base, code: last === 'color' ? 'badColor' : 'badId' };
    case 'custom': {
      const { problem, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      const code = typeof problem === 'string' && KNOWN.has(problem) ? (problem as ProblemCode) : 'invalid';
      return Object.keys(params).length > 0 ? { ...base, code, params } : { ...base, code };
    }
    default:
      return { ...base, code: 'invalid' };
  }
}
