/**
 * Bench: the PostgreSQL storage backend (server rules SV-G1-G3) beside SQLite, the reference, in
 * the same run: group commits (`appendUpdates`) of 1, 10 and 50 small updates to one map, and of
 * 10 updates spread over 10 maps; medians and p99 of each, alternating backends, with the ratio.
 * PostgreSQL runs durable (fsync and synchronous_commit on, its defaults) on loopback in a temp
 * directory (`server/test/support/postgres.ts`); SQLite in WAL with synchronous = NORMAL (SV-S1).
 * Then what one update costs in PostgreSQL: rows, heap bytes and total bytes (heap, index,
 * TOAST) per update, beside the update's own bytes.
 * Run: node --import tsx bench/server-storage-pg.ts (after `pnpm build`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import * as Y from 'yjs';
import { SqliteStorage, type Append, type Storage } from '../server/dist/index.js';
import { PostgresStorage } from '../server/dist/storage/postgres.js';
import { startPostgres } from '../server/test/support/postgres.js';
import { median, percentile, printTable } from './lib/report.js';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 300);
const MAPS = 10;

/** Small updates like a step move: one client moving a step's x and y. */
function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const step = new Y.Map<number>();
  doc.getMap('steps').set('s1', step);
  out.length = 0;
  for (let i = 0; i < n; i++) {
    doc.transact(() => {
      step.set('x', 200 + i);
      step.set('y', 40 + (i % 7));
    });
  }
  return out;
}

const record = (id: string) => ({ id, editTokenHash: 'e'.repeat(64), viewTokenHash: 'v'.repeat(64), createdAt: 0 });

const postgres = await startPostgres({ durable: true });
const dir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-bench-pg-'));
try {
  const url = await postgres.createDatabase('bench');
  const backends: Record<'sqlite' | 'postgres', Storage> = {
    sqlite: new SqliteStorage(dir),
    postgres: await PostgresStorage.open({ url }),
  };
  const ids = Array.from({ length: MAPS }, (_, i) => `map${String(i).padStart(19, '0')}`);
  for (const storage of Object.values(backends)) for (const id of ids) await storage.createMap(record(id));
  const pool = updates(50 * COMMITS);
  const scenarios: [string, (k: number) => Append[]][] = [
    ['1 update', (k) => [{ id: ids[0]!, update: pool[k % pool.length]! }]],
    [
      '10 updates, 1 map',
      (k) => pool.slice(0, 10).map((u, i) => ({ id: ids[0]!, update: pool[(k * 10 + i) % pool.length] ?? u })),
    ],
    [
      '50 updates, 1 map',
      (k) => pool.slice(0, 50).map((u, i) => ({ id: ids[0]!, update: pool[(k * 50 + i) % pool.length] ?? u })),
    ],
    ['10 updates, 10 maps', (k) => ids.map((id, i) => ({ id, update: pool[(k * 10 + i) % pool.length]! }))],
  ];
  const rows: string[][] = [
    ['group commit', 'SQLite median', 'SQLite p99', 'PostgreSQL median', 'PostgreSQL p99', 'ratio'],
  ];
  for (const [name, batch] of scenarios) {
    const times: Record<'sqlite' | 'postgres', number[]> = { sqlite: [], postgres: [] };
    for (let k = 0; k < COMMITS; k++) {
      // Alternating, so load from elsewhere on the machine hits both alike.
      for (const which of k % 2 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const)) {
        const appends = batch(k);
        const t0 = performance.now();
        await backends[which].appendUpdates(appends);
        times[which].push(performance.now() - t0);
      }
    }
    const ms = (x: number) => `${x.toFixed(3)} ms`;
    rows.push([
      name,
      ms(median(times.sqlite)),
      ms(percentile(times.sqlite, 99)),
      ms(median(times.postgres)),
      ms(percentile(times.postgres, 99)),
      `${(median(times.postgres) / median(times.sqlite)).toFixed(1)}x`,
    ]);
  }
  printTable(rows);

  // What an update costs in PostgreSQL, measured after the appends above (none compacted).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM ANALYZE updates');
  const { rows: size } = await client.query<{ n: string; payload: string; heap: string; total: string }>(
    "SELECT count(*) AS n, sum(octet_length(data)) AS payload, pg_relation_size('updates') AS heap, " +
      "pg_total_relation_size('updates') AS total FROM updates",
  );
  await client.end();
  const s = size[0]!;
  const n = Number(s.n);
  console.log(
    `\nPostgreSQL per update: 1 row in updates (plus 1 UPDATE of maps.last_seq per map per commit); ` +
      `payload ${(Number(s.payload) / n).toFixed(1)} B, heap ${(Number(s.heap) / n).toFixed(1)} B, ` +
      `heap + primary key + TOAST ${(Number(s.total) / n).toFixed(1)} B (${n} rows)`,
  );
  for (const storage of Object.values(backends)) await storage.close();
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
