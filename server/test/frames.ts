/** Builders and readers of y-websocket frames for raw-socket tests. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export function syncFrame(sub: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness frame with one entry per `[clientId, clock, state]`. */
export function awarenessFrame(entries: readonly (readonly [number, number, unknown])[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** An update that sets `key` in map `name` on a fresh doc with `clientID`. */
export function setUpdate(clientID: number, name: string, key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap(name).set(key, value);
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

/** Parsed top-level frame: type, sync sub-type and payload where there is one. */
export interface Parsed {
  type: number;
  sub?: number;
  payload?: Uint8Array;
}

export function parseFrame(frame: Uint8Array): Parsed {
  const d = decoding.createDecoder(frame);
  const type = decoding.readVarUint(d);
  if (type === 0) {
    const sub = decoding.readVarUint(d);
    return { type, sub, payload: decoding.readVarUint8Array(d) };
  }
  if (type === 1) return { type, payload: decoding.readVarUint8Array(d) };
  if (type === 2) return { type, sub: decoding.readVarUint(d) };
  return { type };
}

/** The server's state vector from its greeting (the first SyncStep1 it sends). */
export function greetingStateVector(messages: readonly Uint8Array[]): Map<number, number> | undefined {
  for (const m of messages) {
    const p = parseFrame(m);
    if (p.type === 0 && p.sub === 0 && p.payload) return Y.decodeStateVector(p.payload);
  }
  return undefined;
}
