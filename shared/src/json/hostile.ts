import { LIMITS } from '../model/limits.js';
import type { ProblemList } from './problems.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks parsed JSON for keys that could pollute prototypes in careless consumers (rule SH-J6).
 * JSON.parse itself never pollutes, but we refuse to carry such keys any further. Stops once
 * `problems` is full (SH-J13). Nesting is checked on the text before parsing (`findTooDeep`);
 * the walk still refuses to go deeper than `LIMITS.depth`, so it never recurses far.
 */
export function findHostileKeys(value: unknown, problems: ProblemList): void {
  const path: PropertyKey[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (path.length >= LIMITS.depth) {
      problems.add(path, 'tooDeep', `nested deeper than ${LIMITS.depth} levels`, { max: LIMITS.depth });
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && !problems.full; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      if (problems.full) return;
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) problems.add(path, 'forbiddenKey', `forbidden key "${key}"`, { key });
      else walk((node as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(value);
}
