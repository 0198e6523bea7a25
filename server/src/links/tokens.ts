/**
 * Map ids and capability tokens (rules SV-A2, SV-H1, SV-H9): new ids and tokens, their hashes,
 * the view token derived from the edit token, and the role a token grants on a map.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@ketenkaart/shared';
import type { MapRecord } from '../storage/types.js';

/** A new map id: 16 random bytes as 22 url-safe base64 characters (matches `MAP_ID_PATTERN`). */
export function newMapId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new capability token: 32 random bytes (256 bits) as 43 url-safe base64 characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token, hex. Only this is stored; the token itself never is. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The view token of a map, derived one way from its edit token: anyone holding the edit
 * link can recompute the view link, while the view token reveals nothing about the edit token.
 */
export function viewTokenFor(editToken: string): string {
  return createHash('sha256')
    .update('ketenkaart:view:' + editToken, 'utf8')
    .digest('base64url');
}

/** The role a token grants on a map, or undefined; both hashes are always compared (SV-A2). */
export function roleOf(record: MapRecord, token: string): Role | undefined {
  const editor = tokenMatches(token, record.editTokenHash);
  const viewer = tokenMatches(token, record.viewTokenHash);
  return editor ? 'editor' : viewer ? 'viewer' : undefined;
}
