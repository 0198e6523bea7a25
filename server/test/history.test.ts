import * as prng from 'lib0/prng';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStep, exportJson, importJson, readMap } from '@ketenkaart/shared';
import { DailySnapshots } from '../src/history/daily.js';
import { Snapshots } from '../src/history/snapshots.js';
import { KEEP_ALL_AUTO_MS, MAX_AUTO_PER_MAP, snapshotsToThin } from '../src/history/thinning.js';
import { MemoryStorage } from '../src/storage/memory.js';
import { SCHEMA_VERSION } from '../src/storage/sqlite-schema.js';
import { SqliteStorage } from '../src/storage/sqlite.js';
import type { SnapshotRecord } from '../src/storage/types.js';
import { JsonWork } from '../src/work/json-work.js';
import { startChild } from './child-server.js';
import { createMap, eventually, exportMap, freePort, mapRecord, tempDir } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const work = new JsonWork({ size: 1, queueBytes: 64 << 20, timeoutMs: 30_000, memoryMb: 256 });
afterAll(() => work.close());

const record = (id: string, createdAt: number, kind: 'named' | 'auto' = 'auto'): SnapshotRecord => ({
  id,
  mapId: 'm',
  name: '',
  createdAt,
  author: '',
  kind,
  ...(kind === 'auto' ? { reason: 'daily' as const } : {}),
  format: 'json-v1+gzip',
  bytes: 1,
  hash: id,
});

describe('[SV-V3] thinning', () => {
  it('seeded: keeps every automatic one of the last 30 days, the newest of each older week, every named one', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const gen = prng.create(seed);
      const now = Date.UTC(2026, 10, 30, 12);
      const list = Array.from({ length: prng.uint32(gen, 1, 300) }, (_, i) =>
        record(
          `s${i}`,
          now - prng.uint32(gen, 0, 400) * DAY - prng.uint32(gen, 0, DAY),
          prng.bool(gen) ? 'auto' : 'named',
        ),
      );
      const gone = new Set(snapshotsToThin(list, now));
      const kept = list.filter((s) => !gone.has(s.id));
      for (const s of list) {
        if (s.kind === 'named' || now - s.createdAt <= KEEP_ALL_AUTO_MS)
          expect(gone.has(s.id), `seed ${seed}`).toBe(false);
      }
      // Older automatic ones: exactly one per week (Monday-Sunday UTC) that had any, the newest.
      const week = (t: number) => Math.floor((t + 3 * DAY) / (7 * DAY));
      const old = list.filter((s) => s.kind === 'auto' && now - s.createdAt > KEEP_ALL_AUTO_MS);
      for (const w of new Set(old.map((s) => week(s.createdAt)))) {
        const inWeek = old.filter((s) => week(s.createdAt) === w);
        const newest = inWeek.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
        expect(
          kept.filter((s) => inWeek.includes(s)),
          `seed ${seed} week ${w}`,
        ).toEqual([newest]);
      }
      // Thinning what was thinned changes nothing.
      expect(snapshotsToThin(kept, now)).toEqual([]);
    }
  });

  it(`keeps at most ${MAX_AUTO_PER_MAP} automatic ones, however young: the oldest go`, () => {
    const now = 1_000_000_000_000;
    const list = Array.from({ length: MAX_AUTO_PER_MAP + 3 }, (_, i) => record(`a${i}`, now - i * 1000));
    expect(snapshotsToThin([...list, record('n', now - 10 * DAY, 'named')], now)).toEqual(['a500', 'a501', 'a502']);
  });
});

describe('[SV-V2] daily snapshots', () => {
  it('the first change of a day keeps the document as it was before it; at most one a day', async () => {
    let now = Date.UTC(2026, 10, 30, 9);
    const storage = new MemoryStorage();
    await storage.createMap(mapRecord('m'));
    const snapshots = new Snapshots(storage, work, () => now);
    const daily = new DailySnapshots(
      snapshots,
      (line) => {
        throw new Error(line);
      },
      () => now,
    );
    const doc = new Y.Doc();
    importJson(
      doc,
      '{"format":"ketenkaart","version":1,"title":"T","partners":[{"id":"p","name":"P"}],"steps":[],"flows":[]}',
    );
    const edit = (label: string): string => {
      const before = exportJson(doc);
      const parts = [Y.encodeStateAsUpdate(doc)];
      daily.beforeChange('m', () => parts);
      addStep(doc, { partner: 'p', label });
      return before;
    };
    const first = edit('a');
    await daily.idle();
    for (const label of ['b', 'c']) {
      now += 60_000;
      edit(label);
    }
    await daily.idle();
    let list = await storage.listSnapshots('m');
    expect(list.map((s) => [s.kind, s.reason])).toEqual([['auto', 'daily']]);
    const content = (await storage.getSnapshot('m', list[0]!.id))!.content;
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(content).toString('utf8')).toBe(first);
    now += DAY;
    const second = edit('d');
    await daily.idle();
    list = await storage.listSnapshots('m');
    expect(list).toHaveLength(2);
    expect(gunzipSync((await storage.getSnapshot('m', list[0]!.id))!.content).toString('utf8')).toBe(second);
    expect(readMap(doc).steps).toHaveLength(4);
  });
});

describe('[SV-S9] [SV-V1] layout 4', () => {
  it('a layout-2 file is migrated in place: its maps and updates kept, the title columns and the versions table added', async () => {
    const tmp = tempDir();
    try {
      const db = new Database(path.join(tmp.dir, 'ketenkaart.db'));
      db.exec(`
        CREATE TABLE maps (id TEXT PRIMARY KEY, edit_token_hash TEXT NOT NULL, view_token_hash TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
        CREATE TABLE snapshots (map_id TEXT PRIMARY KEY REFERENCES maps(id), through_seq INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
        CREATE TABLE updates (map_id TEXT NOT NULL REFERENCES maps(id), seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (map_id, seq)) STRICT, WITHOUT ROWID;
        INSERT INTO maps VALUES ('m1', '${'a'.repeat(64)}', '${'b'.repeat(64)}', 1);
        INSERT INTO updates VALUES ('m1', 1, x'0000');
        PRAGMA user_version = 2;`);
      db.close();
      const storage = new SqliteStorage(tmp.dir);
      expect((await storage.loadDocument('m1')).updates).toHaveLength(1);
      await storage.addSnapshot({ ...record('v1', 5), mapId: 'm1' }, new Uint8Array([1]));
      expect((await storage.listSnapshots('m1')).map((s) => s.id)).toEqual(['v1']);
      await storage.close();
      const check = new Database(path.join(tmp.dir, 'ketenkaart.db'));
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBe(4);
      expect(check.prepare('SELECT title, changed_at FROM maps').all()).toEqual([{ title: '', changed_at: 0 }]);
      check.close();
    } finally {
      tmp.remove();
    }
  });
});

describe('[SV-V1] durability', () => {
  it('a saved snapshot survives a SIGKILL and a restart, content exact', async () => {
    const tmp = tempDir();
    const env = { PORT: String(await freePort()), DATA_DIR: tmp.dir };
    let server = await startChild(env);
    try {
      const map = await createMap(server, {
        format: 'ketenkaart',
        version: 1,
        title: 'Voor de crash',
        partners: [{ id: 'p', name: 'UWV' }],
        steps: [{ id: 's', partner: 'p', label: 'Polis', x: 100, y: 20 }],
        flows: [],
      });
      const before = await exportMap(server, map.id, map.editToken);
      const res = await fetch(`${server.url}/api/maps/${map.id}/snapshots`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Workshop', author: 'Anna' }),
      });
      expect(res.status).toBe(201);
      const { snapshot } = (await res.json()) as { snapshot: { id: string } };
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startChild(env);
      const listed = await eventually(async () => {
        const r = await fetch(`${server.url}/api/maps/${map.id}/snapshots?token=${map.viewToken}`);
        expect(r.status).toBe(200);
        return ((await r.json()) as { snapshots: { id: string; name: string; author: string }[] }).snapshots;
      });
      expect(listed).toMatchObject([{ id: snapshot.id, name: 'Workshop', author: 'Anna' }]);
      const version = await fetch(
        `${server.url}/api/maps/${map.id}/snapshots/${snapshot.id}/export.json?token=${map.viewToken}`,
      );
      expect(await version.json()).toEqual(before);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      tmp.remove();
    }
  }, 60_000);
});
