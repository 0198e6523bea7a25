/**
 * The websocket side of the server (rules SV-P1, SV-A1-A4, SV-L1-L8, SV-S4): takes an accepted
 * socket through limits, authorization and joining its room, then routes its frames.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { clientAddress } from '../client-address.js';
import type { ServerConfig } from '../config.js';
import { logStorageFailure } from '../logger.js';
import { RoomFailedError, closeCodeOf } from '../errors.js';
import type { LinkRotation } from '../links/link-rotation.js';
import type { Metrics } from '../metrics.js';
import type { Room } from '../rooms/room.js';
import type { Rooms } from '../rooms/rooms.js';
import type { Storage } from '../storage/types.js';
import { Connection } from './connection.js';
import type { ConnectionRateLimiter } from './limits.js';
import { dispatch } from './protocol.js';
import { authorizeUpgrade, syncRoomId } from './upgrade-auth.js';

/** Frames a connection may send before it is authorized and its room is loaded. */
const MAX_EARLY_FRAMES = 64;

/** What the websocket side of the server needs. */
interface SyncDeps {
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly rooms: Rooms;
  readonly metrics: Metrics;
  readonly ipLimiter: ConnectionRateLimiter;
  /** Tells whether a map's links were rotated while a socket's token was checked (SV-A4). */
  readonly linkRotation: LinkRotation;
  /** Every open connection (closed on shutdown, SV-S7). */
  readonly connections: Set<Connection>;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Takes an accepted websocket through limits, authorization and joining its room, and routes its
 * frames to the protocol dispatcher. Frames that arrive before the room has greeted the socket
 * wait (at most `MAX_EARLY_FRAMES`, SV-S4).
 */
export function handleSocket(ws: WebSocket, req: IncomingMessage, deps: SyncDeps): void {
  const { config, metrics } = deps;
  const early: Uint8Array[] = [];
  let conn: Connection | undefined;
  let room: Room | undefined;
  let closed = false;
  let greeted = false;
  const refuse = (code: Parameters<Connection['close']>[0], reason: string): void => {
    if (conn) return conn.close(code, reason);
    closed = true;
    metrics.closes.inc({ code: String(code) });
    ws.close(code, reason);
    setTimeout(() => ws.terminate(), 2_000).unref();
  };

  ws.on('error', () => ws.terminate());
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (closed || conn?.closed) return;
    const frame = toBytes(data);
    metrics.bytesIn.inc(frame.byteLength);
    if (!isBinary) return refuse(CLOSE_CODES.badMessage, 'text frames are not accepted');
    if (frame.byteLength > config.maxFrameBytes) return refuse(CLOSE_CODES.frameTooLarge, 'frame too large');
    if (!conn || !room || !greeted) {
      if (early.length >= MAX_EARLY_FRAMES) return refuse(CLOSE_CODES.rateLimited, 'too many frames before sync');
      early.push(frame);
      return;
    }
    if (!conn.limiter.take()) return refuse(CLOSE_CODES.rateLimited, 'too many messages');
    handleFrame(frame);
  });

  const handleFrame = (frame: Uint8Array): void => {
    const c = conn!;
    const r = room!;
    r.run(() => dispatch(r, c, frame, config)).catch((e: unknown) => {
      if (e instanceof RoomFailedError) return; // the room closed its sockets itself
      metrics.rejectedWrites.inc({ reason: 'refused-frame' });
      const reason = e instanceof Error ? e.message : 'bad message';
      // SV-O8: once per connection (it is closed now, its later frames are dropped), with the cause.
      if (!c.closed)
        config.logger.warn({ room: r.id, role: c.role, code: closeCodeOf(e), reason }, 'write refused; socket closed');
      c.close(closeCodeOf(e), reason);
    });
  };

  const ip = clientAddress(req, config.trustProxy) ?? 'unknown';
  if (!deps.ipLimiter.attempt(ip)) return refuse(CLOSE_CODES.tooManyConnections, 'too many connections');

  // A rotation while the token is being checked invalidates it (rule SV-A4).
  const check = deps.linkRotation.check(syncRoomId(req.url ?? '') ?? '');
  void authorizeUpgrade(req, deps.storage)
    .then((auth) => {
      // Ended in the same step as the join below, so no rotation can fall between them.
      const rotated = check.end();
      if (closed || ws.readyState !== ws.OPEN) return;
      if ('refuse' in auth) return refuse(auth.refuse, 'not authorized');
      if (rotated) {
        return check.deleted
          ? refuse(CLOSE_CODES.mapDeleted, 'map deleted')
          : refuse(CLOSE_CODES.unauthorized, 'link rotated');
      }
      const existing = deps.rooms.peek(auth.id);
      if (existing && existing.peerCount >= config.maxConnectionsPerRoom) {
        return refuse(CLOSE_CODES.roomFull, 'room is full');
      }
      join(auth.id, auth.role, auth.tokenHash);
    })
    .catch((e: unknown) => {
      check.end();
      logStorageFailure(config.logger, 'socket setup', e);
      refuse(CLOSE_CODES.storageError, 'server error');
    });

  const join = (id: string, role: 'editor' | 'viewer', tokenHash: string): void => {
    const c = new Connection(ws, role, metrics, config.maxBufferedBytes, config.maxMessagesPerSecond, tokenHash);
    const r = deps.rooms.acquire(id);
    conn = c;
    room = r;
    r.join(c);
    deps.connections.add(c);
    metrics.connections.inc({ role });
    ws.on('close', () => {
      deps.connections.delete(c);
      metrics.connections.dec({ role });
      r.leave(c);
      deps.rooms.release(r);
    });
    r.run(() => {
      r.greet(c);
      greeted = true;
      for (const frame of early.splice(0)) {
        if (!c.limiter.take()) return c.close(CLOSE_CODES.rateLimited, 'too many messages');
        handleFrame(frame);
      }
      return undefined;
    }).catch(() => {
      // A room that failed to load has closed its sockets; this one may have joined late.
      c.close(CLOSE_CODES.storageError, 'storage error');
    });
  };
}
