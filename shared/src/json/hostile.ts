import type { Problem } from './problems.js';
import { jsonPath } from './problems.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * Walks parsed JSON for keys that could pollute prototypes in careless consumers
 * and for absurd nesting. JSON.parse itself never pollutes, but we refuse to
 * carry such keys any further (rule SH-J6).
 */
export function findHostileKeys(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const path: PropertyKey[] = [];
  const walk = (node: unknown): void => {
    if (path.length > MAX_DEPTH) {
      problems.push({
        path: jsonPath(path),
        code: 'tooDeep',
        message: `nested deeper than ${MAX_DEPTH} levels`,
        params: { max: MAX_DEPTH },
      });
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        path.push(key);
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({
            path: jsonPath(path),
            code: 'forbiddenKey',
            message: `forbidden key "${key}"`,
            params: { key },
          });
        } else walk((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(value);
  return problems;
}
