/** Authorization of a websocket upgrade from its path and token (rules SV-A1-A4). */
import type { IncomingMessage } from 'node:http';
import { CLOSE_CODES, MAP_ID_PATTERN, SYNC_PATH, type CloseCode, type Role } from '@ketenkaart/shared';
import { hashToken, roleOf } from '../links/tokens.js';
import type { MapRecord, Storage } from '../storage/types.js';

/** The outcome of authorizing a websocket request. */
export type Authorization =
  | {
      readonly id: string;
      readonly role: Role;
      /** The hash of the token it was admitted with (SV-N5: a rotation seen only in storage). */
      readonly tokenHash: string;
    }
  | { readonly refuse: CloseCode };

/** The map id in a `/sync/:id` request path, read from the raw URL (no dot-segment folding). */
export function syncRoomId(rawUrl: string): string | undefined {
  const pathname = rawUrl.split('?', 1)[0] ?? '';
  const prefix = `${SYNC_PATH}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const id = pathname.slice(prefix.length);
  return MAP_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * Rules SV-A1-A4: a malformed path or id, or an unknown map, is refused with 4404; a missing,
 * wrong or rotated token with 4401. Nothing here creates a room.
 */
export async function authorizeUpgrade(req: IncomingMessage, storage: Storage): Promise<Authorization> {
  const rawUrl = req.url ?? '';
  const id = syncRoomId(rawUrl);
  if (id === undefined) return { refuse: CLOSE_CODES.notFound };
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  const token = new URLSearchParams(query).get('token');
  if (!token) return { refuse: CLOSE_CODES.unauthorized };
  let record: MapRecord | undefined;
  try {
    record = await storage.getMap(id);
  } catch {
    return { refuse: CLOSE_CODES.storageError };
  }
  if (!record) return { refuse: CLOSE_CODES.notFound };
  const role = roleOf(record, token);
  return role ? { id, role, tokenHash: hashToken(token) } : { refuse: CLOSE_CODES.unauthorized };
}
