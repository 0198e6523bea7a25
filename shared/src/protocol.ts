/**
 * Constants of the sync protocol that the server and the client share.
 * The wire format itself is the standard y-websocket protocol; see server/SPEC.md.
 */

/** WebSocket close codes the server uses. The stock y-websocket client stops reconnecting on 4400-4499. */
export const CLOSE_CODES = {
  /** Missing, wrong or rotated token. */
  unauthorized: 4401,
  /** A viewer kept trying to write. */
  forbidden: 4403,
  /** The map does not exist or the room id is malformed. */
  notFound: 4404,
  /** A frame was larger than the frame limit. */
  frameTooLarge: 4413,
  /** The document would grow past the document size limit. */
  documentTooLarge: 4414,
  /** A text frame, a frame that is not a valid y-websocket message, or an update nested deeper than a map holds. */
  badMessage: 4400,
  /** Too many messages per second on this connection. */
  rateLimited: 4429,
  /** The room already holds the maximum number of connections. */
  roomFull: 4430,
  /** Too many connections from this address in the last minute. */
  tooManyConnections: 4431,
  /** An awareness state was larger than allowed. */
  awarenessTooLarge: 4432,
  /** The client read too slowly and its send buffer overflowed (reconnect is fine). */
  slowReader: 4008,
  /** The map was deleted for good (its links no longer work). */
  mapDeleted: 4410,
  /** The room's storage failed; nothing was served or saved (reconnect later). */
  storageError: 4500,
  /** The server is shutting down (reconnect later). */
  shuttingDown: 1001,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** The two roles a capability link grants. */
export type Role = 'editor' | 'viewer';

/** Path prefix of the websocket endpoint: `/sync/:id?token=...`. */
export const SYNC_PATH = '/sync';

/** Room (map) ids: 22 url-safe base64 characters (128 random bits). */
export const MAP_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The browser path of a map; the token travels in the fragment so it never reaches a server log. */
export function mapPath(id: string, role: Role, token: string): string {
  return `/map/${id}#${role === 'editor' ? 'edit' : 'view'}=${token}`;
}
