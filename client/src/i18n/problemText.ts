import type { Problem } from '@ketenkaart/shared';
import type { TFunction } from 'i18next';

const VALUE_TYPES = ['string', 'number', 'array', 'object', 'boolean'] as const;

/**
 * One import problem in the UI's language, from its code and params (shared rule SH-J11).
 * Numbers are written the language's way; an unknown code (an older server) keeps its message.
 */
export function problemText(t: TFunction, language: string, problem: Problem): string {
  const params: Record<string, string> = { message: problem.message };
  for (const [key, value] of Object.entries(problem.params ?? {}))
    params[key] = typeof value === 'number' ? value.toLocaleString(language) : value;
  const expected = VALUE_TYPES.find((type) => type === problem.params?.['expected']);
  if (problem.code === 'wrongType' && expected) params['expected'] = t(`valueType.${expected}`);
  const text = t(`importProblem.${problem.code}`, { ...params, defaultValue: '' });
  return text || problem.message;
}
