import { renameSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { READINESS_CACHE_MS, Readiness } from '../src/http/health.js';
import { MemoryStorage, SqliteStorage } from '../src/index.js';
import { eventually, tempDir, testServer } from './helpers.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A server on a real SQLite file that the test holds, so it can break it under the running server. */
async function sqliteServer(options: { minFreeDiskBytes?: number } = {}) {
  const tmp = tempDir();
  const storage = new SqliteStorage(tmp.dir, undefined, undefined, options);
  const server = await testServer({ storage });
  cleanups.push(tmp.remove, () => storage.close(), server.stop);
  return { server, storage, dir: tmp.dir, file: path.join(tmp.dir, 'ketenkaart.db') };
}

const status = async (url: string) => (await fetch(url)).status;

describe('readiness and liveness', () => {
  it('[SV-H10] a healthy store is ready (/readyz); /healthz and its older name /livez answer alive', async () => {
    const { server } = await sqliteServer();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', storage: 'sqlite', database: 'ok' });
    for (const path of ['/healthz', '/livez']) {
      const live = await fetch(`${server.url}${path}`);
      expect(live.status).toBe(200);
      // SV-G6: with the store's state as the last probe found it.
      expect(await live.json()).toEqual({ status: 'ok', storage: 'sqlite', database: 'ok' });
    }
  });

  it('[SV-H10] a closed database handle: /readyz 503, /healthz and /livez still 200', async () => {
    const { server, storage } = await sqliteServer();
    expect(await status(`${server.url}/readyz`)).toBe(200);
    await storage.close();
    await eventually(async () => expect(await status(`${server.url}/readyz`)).toBe(503));
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({
      status: 'unavailable',
      error: 'storage unavailable',
      storage: 'sqlite',
      database: 'unavailable',
    });
    expect(await status(`${server.url}/healthz`)).toBe(200);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({
      status: 'ok',
      storage: 'sqlite',
      database: 'unavailable',
    });
    expect(await status(`${server.url}/livez`)).toBe(200);
  });

  it('[SV-H10] the database file replaced under the server: 503 (its writes would go to a deleted file)', async () => {
    const { server, file } = await sqliteServer();
    expect(await status(`${server.url}/readyz`)).toBe(200);
    renameSync(file, `${file}.moved`);
    copyFileSync(`${file}.moved`, file);
    await eventually(async () => expect(await status(`${server.url}/readyz`)).toBe(503));
  });

  it('[SV-H10] another process holding the write lock: 503 at once, 200 again once it lets go', async () => {
    const { server, file } = await sqliteServer();
    expect(await status(`${server.url}/readyz`)).toBe(200);
    const other = new Database(file);
    cleanups.push(() => {
      other.close();
    });
    other.exec('BEGIN IMMEDIATE');
    await eventually(async () => expect(await status(`${server.url}/readyz`)).toBe(503));
    other.exec('ROLLBACK');
    await eventually(async () => expect(await status(`${server.url}/readyz`)).toBe(200));
  });

  it('[SV-H10] less free disk than KETENKAART_MIN_FREE_DISK_BYTES: 503, and the log says why', async () => {
    // The real statfs of the data directory, against a minimum above what any disk has free.
    const { server } = await sqliteServer({ minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    // The public answer names no path or internal detail; the log does.
    expect(await res.json()).toEqual({
      status: 'unavailable',
      error: 'storage unavailable',
      storage: 'sqlite',
      database: 'unavailable',
    });
    expect(server.logs().join('\n')).toMatch(/not ready: .*free disk/);
  });

  it('[SV-H10] a store that does not answer is unready within the probe timeout', async () => {
    class Hanging extends MemoryStorage {
      hang = false;
      override check(): Promise<void> {
        return this.hang ? new Promise<void>(() => {}) : super.check();
      }
    }
    const storage = new Hanging();
    const server = await testServer({ storage });
    cleanups.push(server.stop);
    expect(await status(`${server.url}/readyz`)).toBe(200);
    storage.hang = true;
    await eventually(async () => expect(await status(`${server.url}/readyz`)).toBe(503));
  });
});

describe('the readiness probe', () => {
  /** A probe whose calls are counted and settled by the test. */
  function gatedProbe() {
    const calls: { resolve: () => void; reject: (e: Error) => void }[] = [];
    const probe = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
    return { calls, probe };
  }

  it('[SV-H10] concurrent requests share one probe; its answer is kept for READINESS_CACHE_MS', async () => {
    let now = 0;
    const { calls, probe } = gatedProbe();
    const readiness = new Readiness(probe, { now: () => now });
    const answers = Promise.all([readiness.state(), readiness.state(), readiness.state()]);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    expect(await answers).toEqual([undefined, undefined, undefined]);
    now += READINESS_CACHE_MS - 1;
    expect(await readiness.state()).toBeUndefined();
    expect(calls).toHaveLength(1);
    now += 2;
    const next = readiness.state();
    expect(calls).toHaveLength(2);
    calls[1]!.reject(new Error('disk on fire'));
    expect(await next).toBe('disk on fire');
    // A failure is cached too, so a flood of probes cannot hammer a failing store.
    expect(await readiness.state()).toBe('disk on fire');
    expect(calls).toHaveLength(2);
  });

  it('[SV-H10] a probe that does not settle within the timeout counts as a failure', async () => {
    const { probe } = gatedProbe();
    const readiness = new Readiness(probe, { timeoutMs: 20 });
    expect(await readiness.state()).toMatch(/did not answer within 20 ms/);
  });
});
