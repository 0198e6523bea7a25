/**
 * SV-S12: a large map's first update is stored in parts, in one transaction; the map opens and
 * exports whole, and a creation that fails part-way leaves no map.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMap, type MapFile } from '@ketenkaart/shared';
import { SqliteStorage } from '../src/storage/sqlite.js';
import { THREAD_WRITE_BYTES } from '../src/storage/sqlite-writes.js';
import { DATABASE_FILE } from '../src/storage/backup.js';
import { PART_BYTES } from '../src/work/tasks.js';
import { bigMap } from './big-map.js';
import { connect, createMap, docOf, exportMap, mapRecord, synced, tempDir, testServer } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Three updates that build on each other (as SH-J15's parts do), each `size` characters long. */
function threeParts(size = 4): Uint8Array[] {
  const source = docOf();
  const parts: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => parts.push(u));
  for (const word of ['een', 'twee', 'drie']) source.getArray<string>('a').push([word.padEnd(size, '.')]);
  return parts;
}

describe('a new map stored in parts (SV-S12)', () => {
  for (const [size, where] of [
    [4, 'on the rooms’ thread'],
    [THREAD_WRITE_BYTES / 2, 'in the storage thread'],
  ] as const) {
    it(`[SV-S12] [SV-S13] ${where}, a creation that fails part-way leaves no map, and the id can be used again`, async () => {
      const tmp = tempDir();
      const storage = new SqliteStorage(tmp.dir);
      cleanups.push(
        () => tmp.remove(),
        () => storage.close(),
      );
      // A write that fails as a full disk would, for the third part only: a trigger made through
      // a second connection to the same file, which the storage's connections obey.
      const other = new Database(path.join(tmp.dir, DATABASE_FILE));
      cleanups.push(() => void other.close());
      other.exec(
        "CREATE TRIGGER third_part BEFORE INSERT ON updates WHEN NEW.seq = 3 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
      );
      await expect(storage.createMap(mapRecord('m1'), threeParts(size))).rejects.toThrow(/disk is full/);
      expect(await storage.getMap('m1')).toBeUndefined();
      expect(other.prepare("SELECT count(*) AS n FROM updates WHERE map_id = 'm1'").get()).toEqual({ n: 0 });
      other.exec('DROP TRIGGER third_part');
      await storage.createMap(mapRecord('m1'), threeParts(size));
      const loaded = await storage.loadDocument('m1');
      expect(loaded.lastSeq).toBe(3);
      expect(
        docOf(...loaded.updates)
          .getArray<string>('a')
          .toArray()
          .map((w) => w.replace(/\.+$/, '')),
      ).toEqual(['een', 'twee', 'drie']);
      // The next append follows the parts.
      expect(await storage.appendUpdates([{ id: 'm1', update: threeParts()[0]! }])).toEqual([4]);
    });
  }

  it('[SV-S12] [SH-J15] a file of several MiB is stored as several parts and opens and exports whole', async () => {
    const server = await testServer();
    cleanups.push(() => server.stop());
    const file: MapFile = bigMap(16_000);
    const bytes = Buffer.byteLength(JSON.stringify(file));
    expect(bytes).toBeGreaterThan(2 * PART_BYTES);
    const map = await createMap(server, file);
    const db = new Database(path.join(server.dataDir, DATABASE_FILE), { readonly: true });
    cleanups.push(() => void db.close());
    const rows = db.prepare('SELECT seq FROM updates WHERE map_id = ? ORDER BY seq').all(map.id) as { seq: number }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBe(Math.ceil(bytes / PART_BYTES));
    const exported = (await exportMap(server, map.id, map.viewToken)) as MapFile;
    expect(exported.steps).toHaveLength(file.steps.length);
    expect(exported.flows).toHaveLength(file.flows.length);
    // A stock y-websocket client loads the whole map.
    const client = connect(server, map.id, map.viewToken);
    cleanups.push(() => client.destroy());
    await synced(client);
    const read = readMap(client.doc);
    expect(read.steps).toHaveLength(file.steps.length);
    expect(read.flows).toHaveLength(file.flows.length);
  });
});
