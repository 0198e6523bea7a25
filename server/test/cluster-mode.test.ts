import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StartupRefused } from '../src/cluster/mode.js';
import { PostgresStorage } from '../src/storage/postgres.js';
import { type Client, connect, createMap, eventually, synced, testServer } from './helpers.js';
import { startRedis, type RedisProcess } from './redis-process.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

let postgres: TestPostgres;
let redis: RedisProcess;

beforeAll(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await redis?.remove();
  await postgres?.stop();
});

/** The message of the start-up line that says how the server runs. */
const modeLine = (logs: readonly string[]) =>
  logs.map((l) => JSON.parse(l) as { msg: string }).find((l) => l.msg.startsWith('runs as'))?.msg;

describe('[SV-N7] how an instance runs, and a second one without Redis', () => {
  it('logs its mode at start', async () => {
    const sqlite = await testServer();
    expect(modeLine(sqlite.logs())).toBe('runs as one instance (SQLite)');
    await sqlite.stop();
  });

  it('refuses REDIS_URL without DATABASE_URL', async () => {
    await expect(testServer({ redisUrl: redis.url })).rejects.toThrow(StartupRefused);
    await expect(testServer({ redisUrl: redis.url })).rejects.toThrow(/REDIS_URL needs DATABASE_URL/);
  });

  it('refuses a second instance on one database without Redis, and mixing instances with and without it', async () => {
    const databaseUrl = await postgres.createDatabase('mode');
    const alone = await testServer({ databaseUrl });
    expect(modeLine(alone.logs())).toMatch(/^runs as one instance \(PostgreSQL/);
    const second = testServer({ databaseUrl });
    await expect(second).rejects.toThrow(StartupRefused);
    await expect(second).rejects.toThrow(/set REDIS_URL/);
    await expect(testServer({ databaseUrl, redisUrl: redis.url })).rejects.toThrow(/without REDIS_URL runs on this/);
    await alone.stop();

    // Once it has stopped, instances with Redis start side by side, and one without is refused.
    const a = await testServer({ databaseUrl, redisUrl: redis.url, instanceId: 'a' });
    const b = await testServer({ databaseUrl, redisUrl: redis.url, instanceId: 'b' });
    expect(modeLine(b.logs())).toBe('runs as one of several instances (PostgreSQL and Redis)');
    await expect(testServer({ databaseUrl })).rejects.toThrow(/set REDIS_URL/);
    await a.stop();
    await b.stop();
    const again = await testServer({ databaseUrl });
    await again.stop();
  });
});

describe('[SV-N3] two instances compacting one map', () => {
  it('lose nothing, and the update rows are folded into the snapshot', async () => {
    const databaseUrl = await postgres.createDatabase('compact');
    const options = { databaseUrl, redisUrl: redis.url, compactAfterUpdates: 10 };
    const a = await testServer({ ...options, instanceId: 'a' });
    const b = await testServer({ ...options, instanceId: 'b' });
    const map = await createMap(a);
    const clients: Client[] = [connect(a, map.id, map.editToken), connect(b, map.id, map.editToken)];
    await Promise.all(clients.map((c) => synced(c)));
    const WRITES = 120;
    for (let i = 0; i < WRITES; i++) {
      clients[i % 2]!.doc.getMap('steps').set(`k${i}`, i);
      if (i % 8 === 7) await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(() => {
      for (const c of clients) expect(c.doc.getMap('steps').size).toBe(WRITES);
    });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await eventually(async () => {
        const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM updates WHERE map_id = $1', [map.id]);
        expect(Number(rows[0]!.n)).toBeLessThan(WRITES / 2);
      });
    } finally {
      await db.end();
    }
    for (const c of clients) c.destroy();
    await a.stop();
    await b.stop();
    const storage = await PostgresStorage.open({ url: databaseUrl });
    try {
      const doc = new Y.Doc();
      for (const u of (await storage.loadDocument(map.id)).updates) Y.applyUpdate(doc, u);
      expect(doc.getMap('steps').size).toBe(WRITES);
    } finally {
      await storage.close();
    }
  });
});
