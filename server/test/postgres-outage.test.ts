import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { PostgresStorage } from '../src/storage/postgres.js';
import { connect, createMap, docOf, eventually, synced, testServer, type Client } from './helpers.js';
import { usePostgres } from './support/postgres.js';

/**
 * SV-G6: PostgreSQL stopped for 10 s under load from real y-websocket clients. Writes are refused
 * (sockets closed with 4500, HTTP 503), nothing a client saw acknowledged is lost, and the
 * service resumes by itself once PostgreSQL is back.
 */
const postgres = usePostgres();

const OUTAGE_MS = 10_000;
const WRITERS = 4;

describe('PostgreSQL outage', () => {
  it('[SV-G6] stopped for 10 s under load: writes refused with 4500, no acknowledged update lost, service resumes', async () => {
    const url = await postgres.createDatabase('outage');
    const server = await testServer({ databaseUrl: url });
    const clients: Client[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      expect(server.logs().join('\n')).toMatch(/"storage":"postgres"/);
      const map = await createMap(server);
      // A viewer sees an update only after its append committed (SV-S2): what it saw is "acknowledged".
      const watcher = connect(server, map.id, map.viewToken, true, 500);
      clients.push(watcher);
      const acknowledged = new Set<string>();
      const watch = () => {
        for (const key of watcher.doc.getMap('load').keys()) acknowledged.add(key);
      };
      watcher.doc.getMap('load').observe(watch);
      const closeCodes: number[] = [];
      const writers = Array.from({ length: WRITERS }, () => connect(server, map.id, map.editToken, false, 500));
      clients.push(...writers);
      for (const c of [watcher, ...writers]) {
        c.provider.on('connection-close', (event: { code: number } | null) => {
          if (event) closeCodes.push(event.code);
        });
      }
      await Promise.all([watcher, ...writers].map((c) => synced(c)));
      const written: string[] = [];
      writers.forEach((w, i) => {
        let n = 0;
        timers.push(
          setInterval(() => {
            const key = `w${i}-${n++}`;
            w.doc.getMap('load').set(key, n);
            written.push(key);
          }, 100),
        );
      });
      await eventually(() => expect(acknowledged.size).toBeGreaterThan(20));

      await postgres.stopServer();
      const stoppedAt = Date.now();
      const ackedBefore = acknowledged.size;
      // Refused, not lost: the sockets are closed with the storage code, HTTP writes get 503.
      await eventually(() => expect(closeCodes).toContain(CLOSE_CODES.storageError));
      await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(503));
      const created = await fetch(`${server.url}/api/maps`, { method: 'POST' });
      expect(created.status).toBe(503);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({
        status: 'ok',
        storage: 'postgres',
        database: 'unavailable',
      });
      // The writers kept typing through the outage; wait out the rest of it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
      const writtenDuringOutage = written.length;
      await postgres.start();

      // Resumes by itself: ready again, and what was typed during the outage arrives.
      await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), { timeout: 30_000 });
      await eventually(() => expect(acknowledged.size).toBeGreaterThan(ackedBefore + writtenDuringOutage / 2), {
        timeout: 30_000,
      });
      for (const t of timers) clearInterval(t);
      const total = written.length;
      await eventually(() => expect(acknowledged.size).toBe(total), { timeout: 30_000 });

      // Every acknowledged update is in PostgreSQL (read by a storage of its own, not the server's).
      const reader = await PostgresStorage.open({ url });
      try {
        const stored = docOf(...(await reader.loadDocument(map.id)).updates).getMap('load');
        const missing = [...acknowledged].filter((key) => !stored.has(key));
        expect(missing).toEqual([]);
        expect(stored.size).toBe(total);
      } finally {
        await reader.close();
      }
      expect((await fetch(`${server.url}/api/maps`, { method: 'POST' })).status).toBe(201);
    } finally {
      for (const t of timers) clearInterval(t);
      for (const c of clients) c.destroy();
      await server.stop();
    }
  }, 120_000);
});
