import type { EntityMap } from './doc.js';
import { LIMITS } from './limits.js';

/** Tolerant field readers for data written by any peer (rule SH-M6). */

export function readString(map: EntityMap, key: string, fallback = ''): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
}

export function readEnum<T extends string>(map: EntityMap, key: string, allowed: readonly T[], fallback: T): T {
  const value = map.get(key);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A finite number clamped to ±LIMITS.coordinate (or [min, max]); anything else becomes `fallback`. */
export function readNumber(
  map: EntityMap,
  key: string,
  fallback: number,
  min: number = -LIMITS.coordinate,
  max: number = LIMITS.coordinate,
): number {
  const value = map.get(key);
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
