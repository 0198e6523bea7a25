/**
 * Backups (rule SV-O2): a copy taken by the command line in its own process while ten clients
 * write holds every update acknowledged before it began, opens, and restores; a schema migration
 * copies the file first.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage, startServer } from '../src/index.js';
import { SCHEMA_VERSION } from '../src/storage/sqlite-schema.js';
import { connect, createMap, eventually, synced, tempDir, testServer, type Client } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The keys of root map `kv` in the document that `updates` make. */
function keysOf(updates: readonly Uint8Array[]): Map<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  const keys = new Map(doc.getMap('kv').entries());
  doc.destroy();
  return keys;
}

/** Map `id`'s stored document in the SQLite file `file`: snapshot, then the updates after it. */
function storedUpdates(db: Database.Database, id: string): Uint8Array[] {
  const snapshot = db.prepare('SELECT through_seq, data FROM snapshots WHERE map_id = ?').get(id) as
    { through_seq: number; data: Buffer } | undefined;
  const rows = db
    .prepare('SELECT data FROM updates WHERE map_id = ? AND seq > ? ORDER BY seq')
    .all(id, snapshot?.through_seq ?? 0) as { data: Buffer }[];
  return [...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)];
}

describe('backups', () => {
  it('[SV-O2] a backup taken while 10 clients write holds every acknowledged update, opens, and restores', async () => {
    // Compaction every 40 updates, so the copy also meets snapshots rewritten under it.
    const server = await testServer({ compactAfterUpdates: 40 });
    cleanup.push(server.stop);
    const maps = [await createMap(server), await createMap(server)];
    const writers: Client[] = [];
    const observers: Client[] = [];
    cleanup.push(() => [...writers, ...observers].forEach((c) => c.destroy()));
    for (const map of maps) {
      observers.push(connect(server, map.id, map.viewToken, true));
      for (let i = 0; i < 5; i++) writers.push(connect(server, map.id, map.editToken));
    }
    await Promise.all([...writers, ...observers].map((c) => synced(c)));
    let n = 0;
    const timer = setInterval(() => {
      n++;
      writers.forEach((w, i) => w.doc.getMap('kv').set(`w${i}-${n}`, n));
    }, 5);
    cleanup.push(() => clearInterval(timer));
    await eventually(() => observers.forEach((o) => expect(o.doc.getMap('kv').size).toBeGreaterThan(100)));

    // What the server has broadcast is stored (SV-S2): acknowledged before the backup begins.
    const acknowledged = observers.map((o) => new Map(o.doc.getMap('kv').entries()));
    const target = path.join(server.dataDir, 'copies', 'backup.db');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, 'backup', target], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir },
    });
    expect(stdout).toMatch(/^backed up 2 maps to .*backup\.db/);
    const during = n;
    await eventually(() => expect(n).toBeGreaterThan(during + 5)); // the writers went on all along
    clearInterval(timer);

    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    maps.forEach((map, m) => {
      const inCopy = keysOf(storedUpdates(copy, map.id));
      const missing = [...acknowledged[m]!.keys()].filter((k) => inCopy.get(k) !== acknowledged[m]!.get(k));
      expect(missing, `map ${m}: acknowledged updates missing from the backup`).toEqual([]);
    });
    copy.close();

    // Restore: the copy as the database of a fresh data directory; the links still work.
    const restored = tempDir();
    cleanup.push(restored.remove);
    copyFileSync(target, path.join(restored.dir, 'ketenkaart.db'));
    const again = await startServer({ port: 0, host: '127.0.0.1', dataDir: restored.dir });
    cleanup.push(() => again.close());
    for (const [m, map] of maps.entries()) {
      const reader = connect(again, map.id, map.editToken);
      cleanup.push(() => reader.destroy());
      await synced(reader);
      const keys = new Map(reader.doc.getMap('kv').entries());
      expect([...acknowledged[m]!].filter(([k, v]) => keys.get(k) !== v)).toEqual([]);
    }
  });

  it('[SV-S9] [SV-O2] migrating an older layout first copies the file, as it was, to DATA_DIR/backups', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    const file = path.join(tmp.dir, 'ketenkaart.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE maps (id TEXT PRIMARY KEY, edit_token_hash TEXT NOT NULL, view_token_hash TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id), through_seq INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
      CREATE TABLE updates (map_id TEXT NOT NULL REFERENCES maps(id), seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (map_id, seq)) STRICT, WITHOUT ROWID;`);
    db.prepare('INSERT INTO maps VALUES (?, ?, ?, ?)').run('m1', 'e'.repeat(64), 'v'.repeat(64), 1);
    db.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('m1', 1, Buffer.from([0, 0]));
    db.pragma('user_version = 2');
    db.close();

    const lines: string[] = [];
    const storage = new SqliteStorage(tmp.dir, undefined, (l) => lines.push(l));
    await storage.close();
    const copies = readdirSync(path.join(tmp.dir, 'backups'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^ketenkaart-layout2-.*\.db$/);
    expect(lines.join('\n')).toContain('before migrating to');
    const copy = new Database(path.join(tmp.dir, 'backups', copies[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    expect(copy.prepare('SELECT id FROM maps').all()).toEqual([{ id: 'm1' }]);
    copy.close();
    const migrated = new Database(file, { readonly: true });
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.prepare('SELECT title, changed_at FROM maps').all()).toEqual([{ title: '', changed_at: 0 }]);
    migrated.close();

    // Opening it again migrates nothing and copies nothing.
    await new SqliteStorage(tmp.dir).close();
    expect(readdirSync(path.join(tmp.dir, 'backups'))).toHaveLength(1);
  });

  it('[SV-O2] a new, empty data directory gets no copy', async () => {
    const tmp = tempDir();
    cleanup.push(tmp.remove);
    await new SqliteStorage(tmp.dir).close();
    expect(readdirSync(tmp.dir)).not.toContain('backups');
  });
});
