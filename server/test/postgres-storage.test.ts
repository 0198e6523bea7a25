import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStorage } from '../src/storage/postgres.js';
import { MIGRATIONS, PG_SCHEMA_VERSION, migrate } from '../src/storage/postgres-schema.js';
import { configFromEnv } from '../src/config.js';
import { guardStorage } from '../src/storage/guarded.js';
import { docOf, mapRecord, testServer } from './helpers.js';
import { usePostgres } from './support/postgres.js';

/** What only the PostgreSQL backend has: its migrations and several instances on one database (SV-G1-G4). */
const postgres = usePostgres();

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The layout versions recorded in the database; none before the first migration. */
const versions = (url: string) =>
  withClient(url, async (c) => {
    const exists = await c.query<{ t: string | null }>("SELECT to_regclass('ketenkaart_schema')::text AS t");
    if (exists.rows[0]?.t === null) return [];
    const { rows } = await c.query<{ version: number }>('SELECT version FROM ketenkaart_schema ORDER BY version');
    return rows.map((r) => r.version);
  });

/** An update that sets key `k` of map `m` (client id from the key, so every update is independent). */
function keyUpdate(k: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1000 + k;
  doc.getMap('m').set(`k${k}`, k);
  return Y.encodeStateAsUpdate(doc);
}

/** A seeded generator (mulberry32): the same batches in every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PostgreSQL layout and migrations', () => {
  it('[SV-G4] every earlier layout (an empty database first) migrates to the current one, and running it again changes nothing', async () => {
    for (let from = 0; from < PG_SCHEMA_VERSION; from++) {
      const url = await postgres.createDatabase(`from${from}`);
      if (from > 0) await withClient(url, (c) => migrate(c, from));
      expect(await versions(url)).toEqual(Array.from({ length: from }, (_, i) => i + 1));
      const storage = await PostgresStorage.open({ url });
      await storage.createMap(mapRecord('m1'), [keyUpdate(1)]);
      await storage.close();
      expect(await versions(url)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      // Again: nothing to do, nothing lost; and each migration's statements run twice are harmless.
      const again = await PostgresStorage.open({ url });
      expect((await again.loadDocument('m1')).lastSeq).toBe(1);
      await again.close();
      await withClient(url, async (c) => {
        for (const statement of MIGRATIONS) await c.query(statement);
      });
      expect(await versions(url)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    }
  });

  it('[SV-G4] instances starting at once on an empty database migrate it once', async () => {
    const url = await postgres.createDatabase('race');
    const opened = await Promise.all([1, 2, 3, 4].map(() => PostgresStorage.open({ url })));
    expect(await versions(url)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    await opened[0]!.createMap(mapRecord('m1'));
    expect(await opened[3]!.getMap('m1')).toEqual(mapRecord('m1'));
    for (const s of opened) await s.close();
  });

  it('[SV-G4] a database from a newer server is refused with a clear message and left as it is', async () => {
    const url = await postgres.createDatabase('newer');
    await (await PostgresStorage.open({ url })).close();
    await withClient(url, (c) =>
      c.query('INSERT INTO ketenkaart_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION + 1]),
    );
    await expect(PostgresStorage.open({ url })).rejects.toThrow(/newer than this server's.*upgrade the server/);
    expect(await versions(url)).toHaveLength(PG_SCHEMA_VERSION + 1);
  });

  it('[SV-G5] an unreachable database fails the start with the connection error', async () => {
    const url = `postgres://postgres@127.0.0.1:${postgres.port}/no_such_database`;
    await expect(PostgresStorage.open({ url })).rejects.toThrow(/no_such_database/);
  });
});

describe('two instances on one database', () => {
  it('[SV-G1] concurrent group commits from two instances to the same maps get every seq once, 1..n per map', async () => {
    const url = await postgres.createDatabase('appends');
    const a = await PostgresStorage.open({ url });
    const b = await PostgresStorage.open({ url });
    const maps = ['x', 'y', 'z'];
    for (const id of maps) await a.createMap(mapRecord(id));
    const rnd = random(16);
    const batches = (storage: PostgresStorage) =>
      Promise.all(
        Array.from({ length: 40 }, () => {
          const batch = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({
            id: maps[Math.floor(rnd() * maps.length)]!,
            update: keyUpdate(Math.floor(rnd() * 1e6)),
          }));
          return storage.appendUpdates(batch).then((seqs) => batch.map((x, i) => ({ id: x.id, seq: seqs[i]! })));
        }),
      );
    const results = (await Promise.all([batches(a), batches(b)])).flat(2);
    for (const id of maps) {
      const seqs = results.filter((r) => r.id === id).map((r) => r.seq);
      expect([...seqs].sort((p, q) => p - q)).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect((await b.loadDocument(id)).lastSeq).toBe(seqs.length);
      expect((await a.loadUpdatesAfter(id, 0)).map((u) => u.seq)).toEqual(seqs.sort((p, q) => p - q));
    }
    await a.close();
    await b.close();
  });

  it('[SV-G3] compactions by two instances while both append lose no update', async () => {
    const url = await postgres.createDatabase('compaction');
    const a = await PostgresStorage.open({ url });
    const b = await PostgresStorage.open({ url });
    await a.createMap(mapRecord('m1'));
    const total = 300;
    let next = 0;
    let appending = true;
    const appender = async (storage: PostgresStorage) => {
      while (next < total) {
        const keys = [next++, next++].filter((k) => k < total);
        await storage.appendUpdates(keys.map((k) => ({ id: 'm1', update: keyUpdate(k) })));
      }
    };
    // A compacter does what a room does: its document as loaded, as a snapshot through its last seq.
    const compacter = async (storage: PostgresStorage) => {
      let runs = 0;
      while (appending || runs === 0) {
        const loaded = await storage.loadDocument('m1');
        const doc = docOf(...loaded.updates);
        await storage.compact('m1', Y.encodeStateAsUpdate(doc), loaded.lastSeq);
        runs++;
      }
      return runs;
    };
    const appenders = Promise.all([appender(a), appender(b)]).finally(() => (appending = false));
    const [, runsA, runsB] = await Promise.all([appenders, compacter(a), compacter(b)]);
    expect(runsA + runsB).toBeGreaterThan(2);
    const loaded = await b.loadDocument('m1');
    expect(loaded.lastSeq).toBe(total);
    const keys = Object.keys(
      docOf(...loaded.updates)
        .getMap('m')
        .toJSON(),
    );
    expect(keys).toHaveLength(total);
    await a.close();
    await b.close();
  });

  it('[SV-G3] a compaction never replaces a snapshot that covers more, nor runs past the last seq', async () => {
    const url = await postgres.createDatabase('older');
    const a = await PostgresStorage.open({ url });
    await a.createMap(mapRecord('m1'));
    for (let k = 0; k < 4; k++) await a.appendUpdates([{ id: 'm1', update: keyUpdate(k) }]);
    const all = docOf(...(await a.loadDocument('m1')).updates);
    await a.compact('m1', Y.encodeStateAsUpdate(all), 4);
    // Another instance's older view (through 2) arrives late: the stored snapshot through 4 stays.
    await a.compact('m1', keyUpdate(0), 2);
    const loaded = await a.loadDocument('m1');
    expect(loaded.updates).toHaveLength(1);
    expect(
      Object.keys(
        docOf(...loaded.updates)
          .getMap('m')
          .toJSON(),
      ),
    ).toHaveLength(4);
    await expect(a.compact('m1', keyUpdate(0), 9)).rejects.toThrow(/last seq is 4/);
    await a.close();
  });
});

describe('a compaction behind a gap', () => {
  it("[SV-G3] an instance that has not read another instance's updates compacts only up to the gap; nothing is lost", async () => {
    const url = await postgres.createDatabase('gap');
    const a = await PostgresStorage.open({ url });
    const b = await PostgresStorage.open({ url });
    await a.createMap(mapRecord('m1'), [keyUpdate(0)]);
    // A holds the map as loaded (seq 1); B stores 2-4, which A has not read; A stores 5.
    const roomA = docOf(...(await a.loadDocument('m1')).updates);
    for (const k of [1, 2, 3]) await b.appendUpdates([{ id: 'm1', update: keyUpdate(k) }]);
    const [own] = await a.appendUpdates([{ id: 'm1', update: keyUpdate(4) }]);
    expect(own).toBe(5);
    Y.applyUpdate(roomA, keyUpdate(4));
    // A's snapshot lacks 2-4 but claims 5: only seq 1 is covered; rows 2-5 stay.
    await a.compact('m1', Y.encodeStateAsUpdate(roomA), 5);
    const stored = await b.loadDocument('m1');
    expect(
      Object.keys(
        docOf(...stored.updates)
          .getMap('m')
          .toJSON(),
      ).sort(),
    ).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect((await b.loadUpdatesAfter('m1', 1)).map((u) => u.seq)).toEqual([2, 3, 4, 5]);
    // Once A has read what B stored, its compaction goes all the way.
    for (const u of await a.loadUpdatesAfter('m1', 1)) Y.applyUpdate(roomA, u.update);
    await a.compact('m1', Y.encodeStateAsUpdate(roomA), 5);
    expect(await b.loadUpdatesAfter('m1', 5)).toEqual([]);
    await expect(b.loadUpdatesAfter('m1', 4)).rejects.toMatchObject({ throughSeq: 5 });
    expect(
      Object.keys(
        docOf(...(await b.loadDocument('m1')).updates)
          .getMap('m')
          .toJSON(),
      ),
    ).toHaveLength(5);
    await a.close();
    await b.close();
  });
});

describe('updates that arrive as messages', () => {
  it('[SV-G3] seqs the caller reports with noteApplied count as read: the compaction covers them', async () => {
    const url = await postgres.createDatabase('noted');
    const a = await PostgresStorage.open({ url });
    const b = await PostgresStorage.open({ url });
    await a.createMap(mapRecord('m1'), [keyUpdate(0)]);
    const roomA = docOf(...(await a.loadDocument('m1')).updates);
    const fromB = await b.appendUpdates([1, 2].map((k) => ({ id: 'm1', update: keyUpdate(k) })));
    // As a published message would bring them, through the guarded storage the server uses.
    for (const k of [1, 2]) Y.applyUpdate(roomA, keyUpdate(k));
    guardStorage(a).noteApplied!('m1', fromB);
    await a.compact('m1', Y.encodeStateAsUpdate(roomA), 3);
    expect(await b.loadUpdatesAfter('m1', 3)).toEqual([]);
    await expect(b.loadUpdatesAfter('m1', 2)).rejects.toMatchObject({ throughSeq: 3 });
    expect(
      Object.keys(
        docOf(...(await b.loadDocument('m1')).updates)
          .getMap('m')
          .toJSON(),
      ),
    ).toHaveLength(3);
    await a.close();
    await b.close();
  });
});

describe('configuration', () => {
  it('[SV-G5] DATABASE_URL and the pool settings come from the environment; a wrong URL is refused without repeating it', () => {
    expect(
      configFromEnv({
        DATABASE_URL: 'postgres://k:pw@db:5432/ketenkaart',
        KETENKAART_PG_POOL_MAX: '4',
        KETENKAART_PG_STATEMENT_TIMEOUT_MS: '2500',
      }),
    ).toMatchObject({ databaseUrl: 'postgres://k:pw@db:5432/ketenkaart', pgPoolMax: 4, pgStatementTimeoutMs: 2500 });
    for (const right of ['postgresql://db/k', 'postgres:///k?host=/run/postgresql']) {
      expect(configFromEnv({ DATABASE_URL: right })).toMatchObject({ databaseUrl: right });
    }
    for (const wrong of ['mysql://u:hunter2@db/k', 'hunter2', 'postgres:///no-host-hunter2']) {
      expect(() => configFromEnv({ DATABASE_URL: wrong })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
      expect(() => configFromEnv({ DATABASE_URL: wrong })).not.toThrow(/hunter2/);
    }
  });

  it('[SV-G5] the start log names the storage mode, and for PostgreSQL where, never the password', async () => {
    const url = (await postgres.createDatabase('mode')).replace('postgres@', 'postgres:secret-pw@');
    const onPostgres = await testServer({ databaseUrl: url });
    const onSqlite = await testServer();
    try {
      const started = (logs: string[]) =>
        logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l['msg']).startsWith('storage:'));
      expect(started(onPostgres.logs())).toMatchObject({
        msg: 'storage: postgres',
        storage: 'postgres',
        database: `127.0.0.1:${postgres.port}/${new URL(url).pathname.slice(1)}`,
      });
      expect(onPostgres.logs().join('\n')).not.toContain('secret-pw');
      expect(started(onSqlite.logs())).toMatchObject({ msg: 'storage: sqlite', dataDir: onSqlite.dataDir });
      expect(await (await fetch(`${onPostgres.url}/readyz`)).json()).toEqual({
        status: 'ok',
        storage: 'postgres',
        database: 'ok',
      });
    } finally {
      await onPostgres.stop();
      await onSqlite.stop();
    }
  });

  it('[SV-G5] a database that cannot be reached stops the start', async () => {
    await expect(
      testServer({ databaseUrl: `postgres://postgres@127.0.0.1:${postgres.port}/missing_database` }),
    ).rejects.toThrow(/missing_database/);
  });
});
