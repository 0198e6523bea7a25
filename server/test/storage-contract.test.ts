import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage, SeqCompactedError, SqliteStorage, type Storage } from '../src/index.js';
import { StorageError, guardStorage } from '../src/storage/guarded.js';
import { PostgresStorage } from '../src/storage/postgres.js';
import { appendOne, docOf, mapRecord, tempDir } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

/** A small valid update that sets `n`. */
function setUpdateBytes(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 7;
  doc.getMap('m').set('n', n);
  return Y.encodeStateAsUpdate(doc);
}

/** One PostgreSQL server for the file; each test gets a database of its own. */
let postgres: TestPostgres | undefined;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

interface Made {
  storage: Storage;
  reopen?: () => Promise<Storage>;
  cleanup: () => void | Promise<void>;
}

/** The persistence contract (SV-S1-S4, SV-H10, SV-H13, SV-G1-G3); every backend runs the same suite. */
const backends: Record<string, () => Promise<Made>> = {
  memory: () => Promise.resolve({ storage: new MemoryStorage(), cleanup: () => {} }),
  sqlite: () => {
    const tmp = tempDir();
    return Promise.resolve({
      storage: new SqliteStorage(tmp.dir),
      reopen: () => Promise.resolve(new SqliteStorage(tmp.dir)),
      cleanup: tmp.remove,
    });
  },
  postgres: async () => {
    const url = await postgres!.createDatabase('contract');
    const opened: PostgresStorage[] = [];
    const openOne = async () => {
      const storage = await PostgresStorage.open({ url });
      opened.push(storage);
      return storage;
    };
    return {
      storage: await openOne(),
      reopen: openOne,
      cleanup: async () => {
        for (const storage of opened) await storage.close();
      },
    };
  },
};

for (const [name, make] of Object.entries(backends)) {
  describe(`storage contract: ${name}`, () => {
    let cleanup: () => void | Promise<void> = () => {};
    afterEach(async () => {
      await cleanup();
      cleanup = () => {};
    });
    const open = async () => {
      const made = await make();
      cleanup = made.cleanup;
      return made;
    };

    it('[SV-S1] creates a map with its token hashes; a second create with the same id fails', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'));
      expect(await storage.getMap('m1')).toEqual(mapRecord('m1'));
      expect(await storage.getMap('m2')).toBeUndefined();
      await expect(storage.createMap(mapRecord('m1'))).rejects.toThrow();
      await storage.setTokenHashes('m1', 'a'.repeat(64), 'b'.repeat(64));
      expect(await storage.getMap('m1')).toMatchObject({
        editTokenHash: 'a'.repeat(64),
        viewTokenHash: 'b'.repeat(64),
      });
      await storage.close();
    });

    it('[SV-S2] appended updates load back in order, with increasing sequence numbers', async () => {
      const { storage } = await open();
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      await storage.createMap(mapRecord('m1'), [new Uint8Array([0, 0])]);
      for (let i = 0; i < 20; i++) source.getArray('a').push([i]);
      const seqs: number[] = [];
      for (const u of updates) seqs.push(await appendOne(storage, 'm1', u));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);
      const loaded = await storage.loadDocument('m1');
      expect(loaded.updates).toHaveLength(21);
      expect(loaded.lastSeq).toBe(seqs.at(-1));
      expect(
        docOf(...loaded.updates)
          .getArray('a')
          .toArray(),
      ).toEqual(source.getArray('a').toArray());
      await storage.close();
    });

    it('[SV-S12] a map created with several parts loads them as its first seqs, in order', async () => {
      const { storage } = await open();
      const source = new Y.Doc();
      const parts: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => parts.push(u));
      for (let i = 0; i < 3; i++) source.getArray('a').push([i]);
      await storage.createMap(mapRecord('m1'), parts);
      const loaded = await storage.loadDocument('m1');
      expect(loaded.lastSeq).toBe(3);
      expect(loaded.updates.map((u) => [...u])).toEqual(parts.map((u) => [...u]));
      source.getArray('a').push([3]);
      expect(await appendOne(storage, 'm1', parts[3]!)).toBe(4);
      expect(
        docOf(...(await storage.loadDocument('m1')).updates)
          .getArray('a')
          .toArray(),
      ).toEqual([0, 1, 2, 3]);
      await storage.close();
    });

    it('[SV-S3] compaction replaces the log up to a sequence number by one snapshot, keeping later rows', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'));
      const doc = new Y.Doc();
      const appends: Promise<number>[] = [];
      doc.on('update', (u: Uint8Array) => appends.push(appendOne(storage, 'm1', u)));
      for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, i);
      const through = Math.max(...(await Promise.all(appends)));
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.getMap('m').set('after', true);
      await Promise.all(appends);
      await storage.compact('m1', snapshot, through);
      const loaded = await storage.loadDocument('m1');
      expect(loaded.updates).toHaveLength(2);
      expect(
        docOf(...loaded.updates)
          .getMap('m')
          .toJSON(),
      ).toEqual(doc.getMap('m').toJSON());
      await storage.compact('m1', Y.encodeStateAsUpdate(doc), loaded.lastSeq);
      const again = await storage.loadDocument('m1');
      expect(again.updates).toHaveLength(1);
      expect(again.bytes).toBe(again.updates[0]!.byteLength);
      await storage.close();
    });

    it('[SV-S3] after a compaction that covered every row, appends keep increasing and load after the snapshot', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'));
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      doc.getMap('m').set('a', 1);
      doc.getMap('m').set('b', 2);
      let last = 0;
      for (const u of updates.splice(0)) last = await appendOne(storage, 'm1', u);
      await storage.compact('m1', Y.encodeStateAsUpdate(doc), last);
      doc.getMap('m').set('a', 3);
      const next = await appendOne(storage, 'm1', updates.splice(0)[0]!);
      expect(next).toBeGreaterThan(last);
      const loaded = await storage.loadDocument('m1');
      expect(loaded.updates).toHaveLength(2);
      expect(loaded.lastSeq).toBe(next);
      expect(
        docOf(...loaded.updates)
          .getMap('m')
          .toJSON(),
      ).toEqual({ a: 3, b: 2 });
      await storage.close();
    });

    it('[SV-S2] appendUpdates stores a batch for several maps in order, all or none', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('a'), [new Uint8Array([0, 0])]);
      await storage.createMap(mapRecord('b'));
      const u = (n: number) => setUpdateBytes(n);
      const seqs = await storage.appendUpdates([
        { id: 'a', update: u(1) },
        { id: 'b', update: u(2) },
        { id: 'a', update: u(3) },
      ]);
      expect(seqs).toHaveLength(3);
      expect(seqs[2]!).toBeGreaterThan(seqs[0]!);
      const a = await storage.loadDocument('a');
      expect(a.updates.slice(1)).toEqual([u(1), u(3)]);
      expect(a.lastSeq).toBe(seqs[2]);
      expect((await storage.loadDocument('b')).updates).toEqual([u(2)]);
      // One entry for a map that does not exist: nothing of the batch is stored.
      await expect(
        storage.appendUpdates([
          { id: 'a', update: u(4) },
          { id: 'missing', update: u(5) },
        ]),
      ).rejects.toThrow();
      expect((await storage.loadDocument('a')).updates).toHaveLength(3);
      // And the map's next append still gets the next seq.
      expect(await appendOne(storage, 'a', u(6))).toBeGreaterThan(seqs[2]!);
      expect((await storage.loadDocument('a')).updates.at(-1)).toEqual(u(6));
      await storage.close();
    });

    it('[SV-G1] seqs count per map by exactly 1, from 1, across batches, maps and compactions', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('a'), [setUpdateBytes(0)]);
      await storage.createMap(mapRecord('b'));
      expect((await storage.loadDocument('a')).lastSeq).toBe(1);
      expect((await storage.loadDocument('b')).lastSeq).toBe(0);
      const seqs = await storage.appendUpdates([
        { id: 'b', update: setUpdateBytes(1) },
        { id: 'a', update: setUpdateBytes(2) },
        { id: 'b', update: setUpdateBytes(3) },
        { id: 'a', update: setUpdateBytes(4) },
      ]);
      expect(seqs).toEqual([1, 2, 2, 3]);
      await storage.compact('a', setUpdateBytes(4), 3);
      expect(await appendOne(storage, 'a', setUpdateBytes(5))).toBe(4);
      expect(await appendOne(storage, 'b', setUpdateBytes(6))).toBe(3);
      // A failed batch takes no seq.
      await expect(
        storage.appendUpdates([
          { id: 'a', update: setUpdateBytes(7) },
          { id: 'missing', update: setUpdateBytes(8) },
        ]),
      ).rejects.toThrow();
      expect(await appendOne(storage, 'a', setUpdateBytes(9))).toBe(5);
      await storage.close();
    });

    it('[SV-G2] loadUpdatesAfter returns the updates after a seq in order, and says when they were compacted', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'), [setUpdateBytes(0)]);
      await storage.createMap(mapRecord('m2'), [setUpdateBytes(100)]);
      for (let i = 1; i <= 5; i++) await appendOne(storage, 'm1', setUpdateBytes(i));
      expect(await storage.loadUpdatesAfter('m1', 3)).toEqual([
        { seq: 4, update: setUpdateBytes(3) },
        { seq: 5, update: setUpdateBytes(4) },
        { seq: 6, update: setUpdateBytes(5) },
      ]);
      expect((await storage.loadUpdatesAfter('m1', 0)).map((u) => u.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await storage.loadUpdatesAfter('m1', 6)).toEqual([]);
      expect(await storage.loadUpdatesAfter('m1', 60)).toEqual([]);
      await storage.compact('m1', setUpdateBytes(3), 4);
      // At or after the snapshot: the rows that are left.
      expect((await storage.loadUpdatesAfter('m1', 4)).map((u) => u.seq)).toEqual([5, 6]);
      expect((await storage.loadUpdatesAfter('m1', 5)).map((u) => u.seq)).toEqual([6]);
      // Before it: the marker, with the snapshot's seq.
      const error = await storage.loadUpdatesAfter('m1', 2).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeqCompactedError);
      expect(error).toMatchObject({ mapId: 'm1', afterSeq: 2, throughSeq: 4 });
      // Through guardStorage it stays itself (the caller acts on it); a real failure becomes a StorageError.
      const guarded = guardStorage(storage);
      await expect(guarded.loadUpdatesAfter('m1', 2)).rejects.toBeInstanceOf(SeqCompactedError);
      await expect(guarded.loadUpdatesAfter('missing', 0)).rejects.toBeInstanceOf(StorageError);
      // The other map is untouched; an unknown map is an ordinary error.
      expect((await storage.loadUpdatesAfter('m2', 0)).map((u) => u.seq)).toEqual([1]);
      const missing = await storage.loadUpdatesAfter('missing', 0).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(Error);
      expect(missing).not.toBeInstanceOf(SeqCompactedError);
      await storage.close();
    });

    it('[SV-S4] maps are independent; loading an unknown map fails instead of returning an empty one', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('a'), [new Uint8Array([0, 0])]);
      await storage.createMap(mapRecord('b'));
      await appendOne(storage, 'b', new Uint8Array([0, 0]));
      expect((await storage.loadDocument('a')).updates).toHaveLength(1);
      expect((await storage.loadDocument('b')).updates).toHaveLength(1);
      await expect(storage.loadDocument('missing')).rejects.toThrow();
      await expect(appendOne(storage, 'missing', new Uint8Array([0, 0]))).rejects.toThrow();
      await storage.close();
    });

    it('[SV-H13] countMaps counts the stored maps', async () => {
      const { storage } = await open();
      expect(await storage.countMaps()).toBe(0);
      await storage.createMap(mapRecord('a'));
      await storage.createMap(mapRecord('b'), [new Uint8Array([0, 0])]);
      await expect(storage.createMap(mapRecord('a'))).rejects.toThrow();
      expect(await storage.countMaps()).toBe(2);
      await storage.close();
    });

    it('[SV-O1] deleteMap removes a map with its updates and snapshot; the others stay', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('a'), [new Uint8Array([0, 0])]);
      await storage.createMap(mapRecord('b'), [new Uint8Array([0, 0])]);
      await appendOne(storage, 'a', new Uint8Array([0, 0]));
      await storage.compact('a', new Uint8Array([0, 0]), 1);
      await appendOne(storage, 'a', new Uint8Array([0, 0]));
      expect(await storage.deleteMap('a')).toBe(true);
      expect(await storage.getMap('a')).toBeUndefined();
      await expect(storage.loadDocument('a')).rejects.toThrow();
      await expect(appendOne(storage, 'a', new Uint8Array([0, 0]))).rejects.toThrow();
      expect(await storage.deleteMap('a')).toBe(false);
      expect(await storage.countMaps()).toBe(1);
      expect((await storage.loadDocument('b')).updates).toHaveLength(1);
      // The id can be created again from nothing: no snapshot or seq of the old map is left.
      await storage.createMap(mapRecord('a'));
      expect((await storage.loadDocument('a')).updates).toHaveLength(0);
      await storage.close();
    });

    it('[SV-H10] check resolves while the backend works and rejects once it is closed', async () => {
      const { storage } = await open();
      await storage.check();
      await storage.createMap(mapRecord('a'));
      await storage.check();
      // The probe leaves the maps as they were.
      expect(await storage.countMaps()).toBe(1);
      await storage.close();
      await expect(storage.check()).rejects.toThrow();
    });

    const version = (mapId: string, id: string, createdAt: number, kind: 'named' | 'auto' = 'named') =>
      ({
        id,
        mapId,
        name: kind === 'named' ? `Workshop ${id}` : '',
        createdAt,
        author: 'Anna',
        kind,
        ...(kind === 'auto' ? { reason: 'daily' as const } : {}),
        format: 'json-v1+gzip' as const,
        bytes: 3,
        hash: 'h'.repeat(64),
      }) as const;

    it('[SV-V1] snapshots: stored with their content, listed newest first, per map', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'));
      await storage.createMap(mapRecord('m2'));
      await storage.addSnapshot(version('m1', 'a', 100), new Uint8Array([1, 2, 3]));
      await storage.addSnapshot(version('m1', 'c', 300, 'auto'), new Uint8Array([7, 8, 9]));
      await storage.addSnapshot(version('m1', 'b', 200), new Uint8Array([4, 5, 6]));
      await storage.addSnapshot(version('m2', 'a', 150), new Uint8Array([0, 0, 0]));
      expect((await storage.listSnapshots('m1')).map((s) => s.id)).toEqual(['c', 'b', 'a']);
      expect(await storage.listSnapshots('m1')).toContainEqual(version('m1', 'c', 300, 'auto'));
      expect(await storage.getSnapshot('m1', 'b')).toEqual({
        record: version('m1', 'b', 200),
        content: new Uint8Array([4, 5, 6]),
      });
      expect(await storage.getSnapshot('m2', 'b')).toBeUndefined();
      expect(await storage.listSnapshots('nope')).toEqual([]);
      await expect(storage.addSnapshot(version('m1', 'a', 400), new Uint8Array([1]))).rejects.toThrow();
      await expect(storage.addSnapshot(version('nope', 'z', 400), new Uint8Array([1]))).rejects.toThrow();
      await storage.close();
    });

    it('[SV-V1] deleteSnapshots deletes the ones named; deleteSnapshotsOf all of one map, the others stay', async () => {
      const { storage } = await open();
      await storage.createMap(mapRecord('m1'));
      await storage.createMap(mapRecord('m2'));
      for (const [i, id] of ['a', 'b', 'c'].entries()) {
        await storage.addSnapshot(version('m1', id, i), new Uint8Array([i]));
        await storage.addSnapshot(version('m2', id, i), new Uint8Array([i]));
      }
      expect(await storage.deleteSnapshots('m1', ['a', 'zz', 'c'])).toBe(2);
      expect((await storage.listSnapshots('m1')).map((s) => s.id)).toEqual(['b']);
      await storage.deleteSnapshotsOf('m2');
      expect(await storage.listSnapshots('m2')).toEqual([]);
      expect((await storage.listSnapshots('m1')).map((s) => s.id)).toEqual(['b']);
      await storage.close();
    });

    // Only backends that outlive the process can be reopened.
    if (name === 'memory') return;
    it('[SV-V1] snapshots survive closing and reopening', async () => {
      const made = await open();
      await made.storage.createMap(mapRecord('m1'));
      await made.storage.addSnapshot(version('m1', 'a', 100), new Uint8Array([1, 2, 3]));
      await made.storage.close();
      const reopened = await made.reopen!();
      expect(await reopened.getSnapshot('m1', 'a')).toEqual({
        record: version('m1', 'a', 100),
        content: new Uint8Array([1, 2, 3]),
      });
      await reopened.close();
    });

    it('[SV-S1] what was written survives closing and reopening', async () => {
      const made = await open();
      await made.storage.createMap(mapRecord('m1'), [new Uint8Array([0, 0])]);
      await appendOne(made.storage, 'm1', new Uint8Array([0, 0]));
      await made.storage.close();
      const reopened = await made.reopen!();
      expect((await reopened.loadDocument('m1')).updates).toHaveLength(2);
      expect(await reopened.getMap('m1')).toEqual(mapRecord('m1'));
      await reopened.close();
    });
  });
}
