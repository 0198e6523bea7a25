/**
 * Dispatch of one incoming y-websocket frame for a connection in a room (SPEC.md SV-P1-P7,
 * SV-R1-R4, SV-A5-A7). Runs inside the room's queue; anything thrown closes only this socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CLOSE_CODES } from '@ketenkaart/shared';
import type { Connection } from './connection.js';
import { CloseError } from '../errors.js';
import { MESSAGE, SYNC, awarenessMessage, permissionDenied, syncStep2 } from '../rooms/messages.js';
import type { Room } from '../rooms/room.js';
import { decodeUpdateOrRefuse } from '../document/update-check.js';

/** Limits the dispatcher enforces. */
export interface DispatchLimits {
  readonly maxAwarenessBytes: number;
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
      return receiveAwareness(room, conn, decoding.readVarUint8Array(decoder), limits);
    case MESSAGE.auth:
      return; // SV-P6: clients have nothing to say in an auth message; ignored.
    case MESSAGE.queryAwareness: {
      const clients = [...room.awareness.getStates().keys()];
      if (clients.length > 0) conn.send(awarenessMessage(encodeAwarenessUpdate(room.awareness, clients)));
      return;
    }
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

/**
 * SV-A5-A7: an awareness update is re-encoded with only the entries for the connection's own
 * client id (the first it published); entries for other ids are dropped. A state larger
 * than the limit closes the socket.
 */
function receiveAwareness(room: Room, conn: Connection, update: Uint8Array, limits: DispatchLimits): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept = encoding.createEncoder();
  let keptCount = 0;
  const body = encoding.createEncoder();
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (state.length > limits.maxAwarenessBytes || Buffer.byteLength(state) > limits.maxAwarenessBytes) {
      throw new CloseError(CLOSE_CODES.awarenessTooLarge, 'awareness state too large');
    }
    JSON.parse(state); // throws on malformed JSON: 4400
    // SV-A5: an id already owned by another connection in the room cannot be claimed.
    if (conn.ownClientId === undefined && ![...room.connections].some((c) => c.ownClientId === clientId)) {
      conn.ownClientId = clientId;
    }
    if (clientId !== conn.ownClientId) {
      room.metrics.rejectedWrites.inc({ reason: 'awareness-other-client' });
      continue;
    }
    keptCount++;
    encoding.writeVarUint(body, clientId);
    encoding.writeVarUint(body, clock);
    encoding.writeVarString(body, state);
  }
  if (keptCount === 0) return;
  encoding.writeVarUint(kept, keptCount);
  encoding.writeUint8Array(kept, encoding.toUint8Array(body));
  const filtered = encoding.toUint8Array(kept);
  applyAwarenessUpdate(room.awareness, filtered, conn);
  const message = awarenessMessage(filtered);
  for (const c of room.connections) if (c !== conn) c.send(message);
}

/** Removes a leaving connection's awareness state and tells the others (SV-A7). */
export function dropAwareness(room: Room, conn: Connection): void {
  const id = conn.ownClientId;
  if (id === undefined || !room.awareness.getStates().has(id)) return;
  removeAwarenessStates(room.awareness, [id], conn);
  const message = awarenessMessage(encodeAwarenessUpdate(room.awareness, [id]));
  for (const c of room.connections) if (c !== conn) c.send(message);
}
