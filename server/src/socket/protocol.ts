/**
 * Dispatch of one incoming y-websocket frame for a connection in a room (rules SV-P1-P7,
 * SV-R1-R3, SV-A10, SV-K2); awareness frames go to the room's relay (SV-P5, SV-A5-A7). Runs
 * inside the room's queue; anything thrown closes only this socket.
 */
import * as decoding from 'lib0/decoding';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { decodeUpdateOrRefuse } from '../document/update-check.js';
import { CloseError } from '../errors.js';
import { MESSAGE, SYNC, permissionDenied, syncStep2 } from '../rooms/messages.js';
import type { Room } from '../rooms/room.js';
import type { Connection } from './connection.js';

/** The limit the dispatcher enforces itself (the room's awareness relay enforces SV-A6). */
interface DispatchLimits {
  readonly maxRejectedWrites: number;
}

/** Handles one binary frame. Throws a CloseError (or anything) to close `conn`. */
export function dispatch(room: Room, conn: Connection, frame: Uint8Array, limits: DispatchLimits): void {
  if (conn.closed) return;
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE.sync:
      return dispatchSync(room, conn, decoder, limits);
    case MESSAGE.awareness:
      room.awareness.receive(conn, decoding.readVarUint8Array(decoder));
      return conn.keepAliveIfQuiet(); // SV-K2
    case MESSAGE.auth:
      return; // SV-P6: clients have nothing to say in an auth message; ignored.
    case MESSAGE.queryAwareness:
      // SV-A10: at most one answer a second; the others are ignored.
      if (conn.awarenessQueries.take()) room.awareness.sendAllTo(conn);
      return;
    default:
      throw new CloseError(CLOSE_CODES.badMessage, 'unknown message type');
  }
}

function dispatchSync(room: Room, conn: Connection, decoder: decoding.Decoder, limits: DispatchLimits): void {
  const sub = decoding.readVarUint(decoder);
  switch (sub) {
    case SYNC.step1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      let diff: Uint8Array;
      try {
        diff = room.document.diff(stateVector);
      } catch {
        throw new CloseError(CLOSE_CODES.badMessage, 'malformed state vector');
      }
      // SV-S2: after the broadcasts of updates still being stored, which the diff may hold.
      const reply = syncStep2(diff);
      void room.afterStored(() => conn.send(reply));
      return;
    }
    case SYNC.step2:
    case SYNC.update: {
      const update = decoding.readVarUint8Array(decoder);
      const decoded = decodeUpdateOrRefuse(update);
      if (conn.role === 'viewer') {
        // SV-R2: never applied. SV-R1: the handshake reply that adds nothing passes quietly.
        if (!room.document.addsContent(decoded)) return;
        room.metrics.rejectedWrites.inc({ reason: 'viewer' });
        refuseWrite(conn, 'viewer', limits);
        return;
      }
      // In the document now; the room stores and broadcasts it in the turn's group commit. The
      // next frame need not wait for that. Should storing fail, the room fails (SV-S5).
      room.applyUpdate(update, decoded).catch(() => {});
      return;
    }
    default:
      throw new CloseError(CLOSE_CODES.badMessage, 'unknown sync message');
  }
}

/** SV-R3: a refused write is answered with permission denied; too many close the socket. */
function refuseWrite(conn: Connection, reason: string, limits: DispatchLimits): void {
  conn.rejectedWrites++;
  conn.send(permissionDenied('read-only link: this connection may not change the map'));
  if (conn.rejectedWrites > limits.maxRejectedWrites) {
    throw new CloseError(CLOSE_CODES.forbidden, `too many refused writes (${reason})`);
  }
}
