/**
 * The admin endpoints (rule SV-O4), for the command line while the server runs: which maps are in
 * memory with how many clients, and deleting a map the way `DELETE /api/maps/:id` does (sockets
 * closed with 4410). They exist only when `KETENKAART_ADMIN_TOKEN` is set, and need it as a bearer
 * token; otherwise every `/admin/` path is a 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAP_ID_PATTERN } from '@ketenkaart/shared';
import { deleteMapEverywhere, type MapDeletionDeps } from './map-deletion.js';
import { HttpError, sendJson } from './respond.js';

const DELETE_ROUTE = /^\/admin\/maps\/([^/]+)$/;

/** Compares two secrets in constant time (their digests, so that lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Answers a request under `/admin/`. */
export async function adminRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: MapDeletionDeps,
): Promise<void> {
  const token = deps.config.adminToken;
  if (!token) throw new HttpError(404, 'no such route');
  const header = req.headers.authorization ?? '';
  const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!given || !sameSecret(given, token)) throw new HttpError(401, 'the admin token is required');
  const method = req.method ?? 'GET';
  if (url.pathname === '/admin/rooms' && method === 'GET') {
    return sendJson(res, 200, { rooms: deps.rooms.clients() });
  }
  const match = DELETE_ROUTE.exec(url.pathname);
  if (match && method === 'DELETE') {
    const id = match[1]!;
    if (!MAP_ID_PATTERN.test(id) || !(await deleteMapEverywhere(id, deps))) throw new HttpError(404, 'no such map');
    return sendJson(res, 200, { deleted: true });
  }
  throw new HttpError(404, 'no such route');
}
