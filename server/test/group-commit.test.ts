import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage } from '../src/index.js';
import type { Append } from '../src/storage/types.js';
import { syncFrame, parseFrame } from './frames.js';
import { createMap, eventually, rawSocket, testServer, type RawSocket } from './helpers.js';

/** Memory storage that counts its batches and can hold them until released. */
class GatedStorage extends MemoryStorage {
  batches: number[] = [];
  gate: Promise<void> | undefined;
  override async appendUpdates(appends: readonly Append[]) {
    this.batches.push(appends.length);
    if (this.gate) await this.gate;
    return super.appendUpdates(appends);
  }
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** Live updates (sync sub-type 2) a socket has received. */
const updatesIn = (s: RawSocket) =>
  s.messages.map(parseFrame).filter((p) => p.type === 0 && p.sub === 2 && p.payload !== undefined);

/** Joins as an editor and waits for the server's greeting. */
async function join(server: { url: string }, id: string, token: string): Promise<RawSocket> {
  const s = rawSocket(server, `/sync/${id}?token=${token}`);
  await s.opened;
  s.ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
  await eventually(() => expect(s.messages.some((m) => parseFrame(m).sub === 1)).toBe(true));
  return s;
}

describe('group commit', () => {
  it('[SV-S2] an update is broadcast (echo included) and served to a joiner only once it is stored', async () => {
    const storage = new GatedStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const map = await createMap(server);
    const writer = await join(server, map.id, map.editToken);
    const reader = await join(server, map.id, map.viewToken);
    let open!: () => void;
    storage.gate = new Promise((resolve) => (open = resolve));
    const doc = new Y.Doc();
    doc.getMap('steps').set('s1', 'kept');
    writer.ws.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
    await eventually(() => expect(storage.batches.length).toBeGreaterThan(0));
    // A client joining while the append is in flight.
    const late = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await late.opened;
    late.ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
    await new Promise((r) => setTimeout(r, 150));
    expect(updatesIn(writer)).toEqual([]);
    expect(updatesIn(reader)).toEqual([]);
    expect(late.messages.map(parseFrame).some((p) => p.sub === 1)).toBe(false);
    open();
    await eventually(() => expect(updatesIn(writer)).toHaveLength(1));
    await eventually(() => expect(updatesIn(reader)).toHaveLength(1));
    await eventually(() => {
      const reply = late.messages.map(parseFrame).find((p) => p.sub === 1);
      expect(reply).toBeDefined();
      const seen = new Y.Doc();
      Y.applyUpdate(seen, reply!.payload!);
      expect(seen.getMap('steps').get('s1')).toBe('kept');
    });
    for (const s of [writer, reader, late]) s.ws.close();
  });

  it('[SV-S2] updates that arrive together, from several rooms, are stored in one transaction each turn', async () => {
    const storage = new GatedStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const maps = await Promise.all([createMap(server), createMap(server)]);
    const writers = await Promise.all(maps.map((m) => join(server, m.id, m.editToken)));
    const before = storage.batches.length;
    // Hold the first commit, so everything sent meanwhile arrives while one is in flight.
    let open!: () => void;
    storage.gate = new Promise((resolve) => (open = resolve));
    const docs = writers.map(() => new Y.Doc());
    const sent = 40;
    for (let i = 0; i < sent; i++) {
      const k = i % writers.length;
      let update: Uint8Array | undefined;
      docs[k]!.once('update', (u: Uint8Array) => (update = u));
      docs[k]!.getMap('steps').set(`s${i}`, i);
      writers[k]!.ws.send(syncFrame(2, update!));
    }
    await eventually(() => expect(storage.batches.length).toBeGreaterThan(before));
    await new Promise((r) => setTimeout(r, 200));
    storage.gate = undefined;
    open();
    await eventually(() => {
      for (const w of writers) expect(updatesIn(w)).toHaveLength(sent / writers.length);
    });
    const batches = storage.batches.slice(before);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(sent);
    // Far fewer commits than updates: what arrived during the held commit went in one.
    expect(batches.length).toBeLessThan(sent / 4);
    // Each writer's echoes came back in the order it sent them.
    writers.forEach((w, k) => {
      const seen = new Y.Doc();
      for (const p of updatesIn(w)) Y.applyUpdate(seen, p.payload!);
      expect(seen.getMap('steps').toJSON()).toEqual(docs[k]!.getMap('steps').toJSON());
    });
    for (const w of writers) w.ws.close();
  });
});
