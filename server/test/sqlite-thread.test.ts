/**
 * SV-S13: large writes (appends, new maps, compactions, versions) and deletions run in the storage
 * thread. While one waits there (for a lock here; a slow disk alike), the rooms' thread keeps
 * turning, and every call made meanwhile runs after it, in order.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/storage/backup.js';
import { SqliteStorage } from '../src/storage/sqlite.js';
import { THREAD_WRITE_BYTES } from '../src/storage/sqlite-writes.js';
import type { SnapshotRecord } from '../src/storage/types.js';
import { docOf, mapRecord, tempDir } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function opened(): Promise<{ storage: SqliteStorage; file: string; doc: Y.Doc }> {
  const tmp = tempDir();
  const storage = new SqliteStorage(tmp.dir);
  cleanups.push(
    () => tmp.remove(),
    () => storage.close(),
  );
  await storage.createMap(mapRecord('m1'));
  return { storage, file: path.join(tmp.dir, DATABASE_FILE), doc: new Y.Doc() };
}

/** The update of appending `chars` characters to the document's text. */
function typed(doc: Y.Doc, chars: number, letter = 'x'): Uint8Array {
  let update: Uint8Array | undefined;
  const keep = (u: Uint8Array): void => void (update = u);
  doc.once('update', keep);
  doc.getText('t').insert(doc.getText('t').length, letter.repeat(chars));
  return update!;
}

/**
 * Another connection takes the write lock and gives it back from a timer of this thread. A write
 * made on this thread meanwhile would wait for the lock there, holding up that very timer, until
 * its busy timeout (5 s) failed it. Resolves when the lock is given back.
 */
function lockFor(file: string, ms: number): Promise<void> {
  const other = new Database(file);
  cleanups.push(() => void other.close());
  other.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      resolve();
    }, ms),
  );
}

/** Records the order in which promises settle. */
function order(): { of: <T>(name: string, p: Promise<T>) => Promise<T>; names: string[] } {
  const names: string[] = [];
  return {
    names,
    of: (name, p) =>
      p.finally(() => {
        names.push(name);
      }),
  };
}

describe('the storage thread (SV-S13)', () => {
  it('[SV-S13] a large append waits for a lock in the thread; calls made meanwhile follow it, in order', async () => {
    const { storage, file, doc } = await opened();
    const big = typed(doc, THREAD_WRITE_BYTES);
    const small = typed(doc, 10, 'y');
    const released = order();
    const unlocked = released.of('unlocked', lockFor(file, 300));
    const seqs = [
      released.of('big', storage.appendUpdates([{ id: 'm1', update: big }])),
      released.of('small', storage.appendUpdates([{ id: 'm1', update: small }])),
    ];
    const loaded = released.of('load', storage.loadDocument('m1'));
    expect(await Promise.all(seqs)).toEqual([[1], [2]]);
    await unlocked;
    expect(released.names).toEqual(['unlocked', 'big', 'small', 'load']);
    const { updates, lastSeq } = await loaded;
    expect(lastSeq).toBe(2);
    expect(
      docOf(...updates)
        .getText('t')
        .toJSON(),
    ).toBe(doc.getText('t').toJSON());
    // Nothing queued any more: a small append is again one synchronous call.
    expect(await storage.appendUpdates([{ id: 'm1', update: typed(doc, 1) }])).toEqual([3]);
  });

  it('[SV-S13] a new large map, a large compaction, a large version and a deletion run in the thread', async () => {
    const { storage, file, doc } = await opened();
    const parts = [typed(doc, THREAD_WRITE_BYTES / 2), typed(doc, THREAD_WRITE_BYTES / 2, 'y')];
    let unlocked = lockFor(file, 200);
    await storage.createMap(mapRecord('m2'), parts);
    await unlocked;
    expect((await storage.loadDocument('m2')).lastSeq).toBe(2);

    const snapshot = Y.encodeStateAsUpdate(doc);
    expect(snapshot.byteLength).toBeGreaterThanOrEqual(THREAD_WRITE_BYTES);
    unlocked = lockFor(file, 200);
    await storage.compact('m2', snapshot, 2, { title: 'Groot', changedAt: 5 });
    await unlocked;
    const compacted = await storage.loadDocument('m2');
    expect(compacted.updates).toHaveLength(1);
    expect(docOf(...compacted.updates).getText('t').length).toBe(THREAD_WRITE_BYTES);
    const reader = new Database(file, { readonly: true });
    cleanups.push(() => void reader.close());
    expect(reader.prepare("SELECT title FROM maps WHERE id = 'm2'").get()).toEqual({ title: 'Groot' });

    const version: SnapshotRecord = {
      mapId: 'm2',
      id: 'v1',
      createdAt: 7,
      name: 'Voor de workshop',
      author: 'Eva',
      kind: 'named',
      format: 'json-v1+gzip',
      bytes: snapshot.byteLength,
      hash: 'h',
    };
    unlocked = lockFor(file, 200);
    await storage.addSnapshot(version, snapshot);
    await unlocked;
    expect((await storage.getSnapshot('m2', 'v1'))?.content).toEqual(snapshot);

    unlocked = lockFor(file, 200);
    expect(await storage.deleteMap('m2')).toBe(true);
    await unlocked;
    expect(await storage.getMap('m2')).toBeUndefined();
    expect(await storage.listSnapshots('m2')).toEqual([]);
    expect(await storage.deleteMap('m2')).toBe(false);
  });

  it('[SV-S13] a large write SQLite refuses fails that call alone; the next append takes its seq', async () => {
    const { storage, file, doc } = await opened();
    const other = new Database(file);
    cleanups.push(() => void other.close());
    other.exec(
      "CREATE TRIGGER full BEFORE INSERT ON updates WHEN length(NEW.data) > 1000 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    const big = typed(doc, THREAD_WRITE_BYTES);
    const refused = storage.appendUpdates([{ id: 'm1', update: big }]);
    const next = storage.appendUpdates([{ id: 'm1', update: typed(new Y.Doc(), 5) }]);
    await expect(refused).rejects.toThrow(/disk is full/);
    expect(await next).toEqual([1]);
  });

  it('[SV-S13] closing waits for a write under way in the thread; the file holds it', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const storage = new SqliteStorage(tmp.dir);
    await storage.createMap(mapRecord('m1'));
    const doc = new Y.Doc();
    const appended = storage.appendUpdates([{ id: 'm1', update: typed(doc, THREAD_WRITE_BYTES) }]);
    await storage.close();
    expect(await appended).toEqual([1]);
    const again = new SqliteStorage(tmp.dir);
    cleanups.push(() => again.close());
    const { updates } = await again.loadDocument('m1');
    expect(docOf(...updates).getText('t').length).toBe(THREAD_WRITE_BYTES);
  });
});
