/**
 * Encoders for the y-websocket messages the server sends (rules SV-P1-P6, SV-K2), and the message
 * types the dispatcher reads. Message = varUint type, then the payload of that type. They live
 * with the rooms, which broadcast most of them; the socket side imports them from here.
 */
import * as encoding from 'lib0/encoding';

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

function sync(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** `[0, 0, stateVector]`: the server's SyncStep1. */
export const syncStep1 = (stateVector: Uint8Array): Uint8Array => sync(SYNC.step1, stateVector);

/** `[0, 1, update]`: SyncStep2, what the receiver lacks. */
export const syncStep2 = (update: Uint8Array): Uint8Array => sync(SYNC.step2, update);

/** `[0, 2, update]`: a live update. */
export const syncUpdate = (update: Uint8Array): Uint8Array => sync(SYNC.update, update);

/** `[1, awarenessUpdate]`. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/**
 * `[1, 1, 0]`: an Awareness frame holding an empty awareness update (no client). Receivers apply
 * it and change nothing; it is the keep-alive of rule SV-K2.
 */
export const KEEPALIVE: Uint8Array = awarenessMessage(new Uint8Array([0]));

/** `[2, 0, reason]`: y-protocols/auth "permission denied". */
export function permissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.auth);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}
