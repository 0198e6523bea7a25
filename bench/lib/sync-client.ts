/**
 * A lean y-websocket client for load: it speaks the handshake (SyncStep1 out, SyncStep2
 * back on the server's SyncStep1), sends updates from its own Y.Doc and hands received
 * updates to a callback without applying them, so a thousand of them fit in one process.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export class SyncClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  onUpdate: ((update: Uint8Array) => void) | undefined;
  #pending: Uint8Array | undefined;

  constructor(serverUrl: string, room: string, token: string) {
    const query = token ? `?token=${token}` : '';
    this.ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/sync/${room}${query}`, { perMessageDeflate: false });
    this.ws.on('error', () => {});
    this.doc.on('update', (u: Uint8Array) => (this.#pending = u));
    let resolveSynced: () => void = () => {};
    this.synced = new Promise((resolve, reject) => {
      resolveSynced = resolve;
      this.ws.on('close', (code) => reject(new Error(`closed ${code}`)));
    });
    this.synced.catch(() => {});
    this.ws.on('open', () => this.ws.send(syncFrame(0, Y.encodeStateVector(this.doc))));
    this.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(data);
      if (decoding.readVarUint(d) !== 0) return;
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === 0) this.ws.send(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payload)));
      else if (sub === 1) resolveSynced();
      else this.onUpdate?.(payload);
    });
  }

  /** Sets `key` in its own map and sends the update; returns the update's first struct id. */
  edit(key: string, value: number): string {
    this.doc.getMap('load').set(key, value);
    const update = this.#pending!;
    this.ws.send(syncFrame(2, update));
    return structKey(update);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** `client:clock` of an update's first struct: how a receiver recognises it. */
export function structKey(update: Uint8Array): string {
  const first = Y.decodeUpdate(update).structs[0];
  return first ? `${first.id.client}:${first.id.clock}` : '';
}
