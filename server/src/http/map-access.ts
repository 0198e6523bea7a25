/**
 * What the map routes share (rules SV-H7, SV-S5, SV-W3): the token check of a request, holding a
 * map's room for a task, and the map's document as update parts (from its room, or as stored).
 */
import type { IncomingMessage } from 'node:http';
import { CLOSE_CODES, MAP_ID_PATTERN, type Role } from '@ketenkaart/shared';
import type { ServerConfig } from '../config.js';
import { CloseError, RoomFailedError } from '../errors.js';
import { logStorageFailure } from '../logger.js';
import { roleOf } from '../links/tokens.js';
import type { Room } from '../rooms/room.js';
import type { Rooms } from '../rooms/rooms.js';
import type { Storage } from '../storage/types.js';
import { HttpError, STORAGE_UNAVAILABLE, requestToken } from './respond.js';

/** The helpers, bound to the server's storage and rooms. */
export interface MapAccess {
  /** SV-H7: 404 for a malformed id or unknown map, 401 for a missing or wrong token, 403 for a viewer. */
  readonly authorize: (req: IncomingMessage, url: URL, id: string, need: Role | 'any') => Promise<Role>;
  /** Holds the room in memory for one task in its queue. */
  readonly withRoom: <T>(id: string, task: (room: Room) => T | Promise<T>) => Promise<T>;
  /**
   * The document's update parts, everything accepted stored (SV-S2): from its room when the map
   * is in memory, else from storage without loading a room (SV-W3).
   */
  readonly currentDocument: (id: string) => Promise<readonly Uint8Array[]>;
}

/** The helpers over this server's storage and rooms. */
export function mapAccess(config: ServerConfig, storage: Storage, rooms: Rooms): MapAccess {
  const authorize = async (req: IncomingMessage, url: URL, id: string, need: Role | 'any'): Promise<Role> => {
    if (!MAP_ID_PATTERN.test(id)) throw new HttpError(404, 'no such map');
    const token = requestToken(req, url);
    if (!token) throw new HttpError(401, 'a token is required');
    const record = await storage.getMap(id);
    if (!record) throw new HttpError(404, 'no such map');
    const role = roleOf(record, token);
    if (!role) throw new HttpError(401, 'wrong or rotated token');
    if (need === 'editor' && role !== 'editor') throw new HttpError(403, 'this needs the edit link');
    return role;
  };

  const withRoom = async <T>(id: string, task: (room: Room) => T | Promise<T>): Promise<T> => {
    const room = rooms.acquire(id);
    try {
      return await room.run(() => task(room));
    } catch (e) {
      if (e instanceof RoomFailedError) throw new HttpError(503, STORAGE_UNAVAILABLE);
      if (e instanceof CloseError && e.code === CLOSE_CODES.documentTooLarge) throw new HttpError(413, e.message);
      throw e;
    } finally {
      rooms.release(room);
    }
  };

  const currentDocument = async (id: string): Promise<readonly Uint8Array[]> => {
    if (rooms.peek(id)) {
      return withRoom(id, async (room) => {
        await room.whenStored();
        return room.document.parts();
      });
    }
    try {
      return (await storage.loadDocument(id)).updates;
    } catch (e) {
      logStorageFailure(config.logger, 'export', e, { room: id });
      throw new HttpError(503, STORAGE_UNAVAILABLE);
    }
  };

  return { authorize, withRoom, currentDocument };
}
