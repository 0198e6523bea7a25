import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage, type StoredDocument } from '../src/index.js';
import { SCHEMA_VERSION } from '../src/storage/sqlite-schema.js';
import { appendOne, docOf, eventually, mapRecord, tempDir } from './helpers.js';

/** A Y.Doc whose every change is appended to map `m1` of `storage`. */
function appender(storage: SqliteStorage): { doc: Y.Doc; set: (key: string, value: number) => Promise<number> } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const set = (key: string, value: number): Promise<number> => {
    doc.getMap('m').set(key, value);
    return appendOne(storage, 'm1', updates.pop()!);
  };
  return { doc, set };
}

/** Reopens the database in `dir` and checks that map `m1` holds what `doc` holds. */
async function expectReopened(dir: string, doc: Y.Doc): Promise<StoredDocument> {
  const reopened = new SqliteStorage(dir);
  const loaded = await reopened.loadDocument('m1');
  expect(
    docOf(...loaded.updates)
      .getMap('m')
      .toJSON(),
  ).toEqual(doc.getMap('m').toJSON());
  await reopened.close();
  return loaded;
}

/** Writes a database in layout 1 (the first release): global AUTOINCREMENT seqs and an index. */
function writeLayout1(
  file: string,
  rows: { map: string; data: Uint8Array }[],
  snapshot?: { map: string; through: number; data: Uint8Array },
): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE maps (id TEXT PRIMARY KEY, edit_token_hash TEXT NOT NULL, view_token_hash TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
    CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id), through_seq INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
    CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, map_id TEXT NOT NULL REFERENCES maps(id), data BLOB NOT NULL) STRICT;
    CREATE INDEX updates_by_map ON updates(map_id, seq);`);
  for (const id of new Set(rows.map((r) => r.map))) {
    db.prepare('INSERT INTO maps VALUES (?, ?, ?, ?)').run(id, 'e'.repeat(64), 'v'.repeat(64), 1);
  }
  for (const r of rows) db.prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)').run(r.map, r.data);
  if (snapshot) db.prepare('INSERT INTO snapshots VALUES (?, ?, ?)').run(snapshot.map, snapshot.through, snapshot.data);
  db.close();
}

describe('SQLite layout and checkpoints', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('[SV-S9] a layout-1 database is migrated in place: every update kept, in order, and seqs keep increasing', async () => {
    const tmp = tempDir();
    cleanup = tmp.remove;
    const a = new Y.Doc();
    const b = new Y.Doc();
    const rows: { map: string; data: Uint8Array }[] = [];
    a.on('update', (u: Uint8Array) => rows.push({ map: 'a', data: u }));
    b.on('update', (u: Uint8Array) => rows.push({ map: 'b', data: u }));
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).getArray('x').push([i]);
    writeLayout1(path.join(tmp.dir, 'ketenkaart.db'), rows);

    const storage = new SqliteStorage(tmp.dir);
    const loadedA = await storage.loadDocument('a');
    const loadedB = await storage.loadDocument('b');
    expect(
      docOf(...loadedA.updates)
        .getArray('x')
        .toArray(),
    ).toEqual([1, 3, 5, 7, 9]);
    expect(
      docOf(...loadedB.updates)
        .getArray('x')
        .toArray(),
    ).toEqual([0, 2, 4, 6, 8]);
    a.getArray('x').push([11]);
    const next = await appendOne(storage, 'a', rows.at(-1)!.data);
    expect(next).toBeGreaterThan(loadedA.lastSeq);
    expect(
      docOf(...(await storage.loadDocument('a')).updates)
        .getArray('x')
        .toArray(),
    ).toEqual([1, 3, 5, 7, 9, 11]);
    await storage.close();

    const db = new Database(path.join(tmp.dir, 'ketenkaart.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'updates%' ORDER BY name").all()).toEqual([
      { name: 'updates' },
    ]);
    db.close();
  });

  it('[SV-S9] a database from a newer server is refused, not touched', () => {
    const tmp = tempDir();
    cleanup = tmp.remove;
    const file = path.join(tmp.dir, 'ketenkaart.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteStorage(tmp.dir)).toThrow(/newer than this server/);
    const again = new Database(file, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });

  it('[SV-S10] the checkpoint thread keeps the WAL small while appends go on; closing folds it into the file', async () => {
    const tmp = tempDir();
    cleanup = tmp.remove;
    const storage = new SqliteStorage(tmp.dir, { intervalMs: 10, minWalBytes: 64 * 1024, backstopPages: 10_000 });
    await storage.createMap(mapRecord('m1'));
    const wal = path.join(tmp.dir, 'ketenkaart.db-wal');
    const { doc, set } = appender(storage);
    let largest = 0;
    // About 6 MB of WAL in all (3 KB per append): without checkpoints the WAL would hold it all.
    for (let batch = 0; batch < 100; batch++) {
      for (let i = 0; i < 20; i++) await set(`k${i}`, batch);
      largest = Math.max(largest, statSync(wal).size);
      await new Promise((r) => setTimeout(r, 5));
    }
    await eventually(() => {
      // A checkpoint has copied the log into the database file: the file has grown past its pages of schema.
      expect(statSync(path.join(tmp.dir, 'ketenkaart.db')).size).toBeGreaterThan(16 * 1024);
    });
    // At most half of what was written: the thread may lag behind on a loaded machine, but it checkpoints.
    expect(largest).toBeLessThan(3 * 1024 * 1024);
    await storage.close();
    expect(existsSync(wal)).toBe(false);
    await expectReopened(tmp.dir, doc);
  });

  it('[SV-S10] should the thread not checkpoint, the backstop on the main connection keeps the WAL bounded', async () => {
    const tmp = tempDir();
    cleanup = tmp.remove;
    // The thread never looks; the backstop runs once the WAL holds 64 pages.
    const storage = new SqliteStorage(tmp.dir, { intervalMs: 3_600_000, minWalBytes: Infinity, backstopPages: 64 });
    await storage.createMap(mapRecord('m1'));
    const wal = path.join(tmp.dir, 'ketenkaart.db-wal');
    const { doc, set } = appender(storage);
    let largest = 0;
    // About 1.5 MB of WAL in all: without the backstop the WAL would hold it all.
    for (let i = 0; i < 500; i++) {
      await set(`k${i % 20}`, i);
      largest = Math.max(largest, statSync(wal).size);
    }
    expect(largest).toBeLessThan(256 * 1024);
    await storage.close();
    expect((await expectReopened(tmp.dir, doc)).lastSeq).toBe(500);
  });

  it('[SV-S9] a seq taken by another writer is refused, never overwritten', async () => {
    const tmp = tempDir();
    cleanup = tmp.remove;
    const a = new SqliteStorage(tmp.dir);
    await a.createMap(mapRecord('m1'));
    expect(await appendOne(a, 'm1', new Uint8Array([0, 0]))).toBe(1);
    const b = new SqliteStorage(tmp.dir);
    expect(await appendOne(b, 'm1', new Uint8Array([0, 0]))).toBe(2);
    // A still remembers seq 1 as the last: its next row would be 2, which B holds.
    await expect(appendOne(a, 'm1', new Uint8Array([0, 0]))).rejects.toThrow(/UNIQUE|PRIMARY/);
    expect((await b.loadDocument('m1')).lastSeq).toBe(2);
    await b.close();
    await a.close();
  });
});
