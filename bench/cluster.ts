/**
 * Bench: two instances behind haproxy (PostgreSQL and Redis between them), the clients of every
 * room spread over both, against one instance on SQLite and the stock y-websocket v2 server in
 * the same run. 200 clients in 20 rooms, each sending an update at 5 Hz; delivery time from
 * just before a client sends to when each other client of its room receives it (loopback).
 * Also: CPU of each instance (and of haproxy), and what PostgreSQL stores per update.
 * Target: delivery p99 across instances <= 100 ms. Every measured update must be delivered to
 * every other client of its room, and every room must have clients on both instances, or the
 * run fails.
 * Run: node --import tsx bench/cluster.ts (after pnpm build)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startHaproxy } from '../server/test/haproxy-process.js';
import { startRedis } from '../server/test/redis-process.js';
import { startPostgres } from '../server/test/support/postgres.js';
import { median, printTable } from './lib/report.js';
import { roomLoad, type Load, type LoadResult } from './lib/room-load.js';
import { newRoom, startServerProcess, type ServerProcess } from './lib/server-process.js';

const ROOMS = 20;
const LOAD: Load = {
  clientsPerRoom: 10,
  hz: 5,
  warmupSeconds: Number(process.env['BENCH_WARMUP'] ?? 3),
  seconds: Number(process.env['BENCH_SECONDS'] ?? 12),
};
// BENCH_ROUNDS (default 2): each setup runs that many times, interleaved; medians are compared.
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

type Kind = 'cluster' | 'single' | 'stock';

/** haproxy's CPU time in µs (utime + stime from /proc, in clock ticks of 10 ms). */
function procCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function psql(url: string, sql: string): string[] {
  const r = spawnSync('psql', [url, '-Atc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout.trim().split('|');
}

console.log(
  `cluster bench: ${ROOMS * LOAD.clientsPerRoom} clients in ${ROOMS} rooms at ${LOAD.hz} Hz, ${LOAD.seconds} s measured after ${LOAD.warmupSeconds} s warm-up, ${ROUNDS} interleaved rounds per setup`,
);
// BENCH_PG_FSYNC=off: PostgreSQL without fsync, to tell the disk's share of the figures from the rest.
const durable = process.env['BENCH_PG_FSYNC'] !== 'off';
const postgres = await startPostgres({ durable });
const databaseUrl = await postgres.createDatabase('bench');
const redis = await startRedis();
const clusterEnv = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redis.url,
  KETENKAART_ADMIN_TOKEN: ADMIN_TOKEN,
  // The rows an update leaves are counted before the rooms compact.
  KETENKAART_COMPACT_AFTER_UPDATES: '1000000',
  KETENKAART_COMPACT_AFTER_BYTES: '1000000000',
};
const instances = [
  await startServerProcess('ours', { ...clusterEnv, KETENKAART_INSTANCE_ID: 'a' }),
  await startServerProcess('ours', { ...clusterEnv, KETENKAART_INSTANCE_ID: 'b' }),
];
const proxy = await startHaproxy(instances.map((i) => Number(new URL(i.url).port)));
const single = await startServerProcess('ours', {
  KETENKAART_COMPACT_AFTER_UPDATES: '1000000',
  KETENKAART_COMPACT_AFTER_BYTES: '1000000000',
});
const stock = await startServerProcess('stock');

interface ClusterFigures {
  /** Rooms whose clients sat on both instances. */
  spread: number;
  rowsPerUpdate: number;
  payloadPerUpdate: number;
  tableBytesPerUpdate: number;
  walBytesPerUpdate: number;
  haproxyCpuPercent: number;
}

const results: Record<Kind, LoadResult[]> = { cluster: [], single: [], stock: [] };
const clusterFigures: ClusterFigures[] = [];

async function roomsOn(server: ServerProcess | { url: string; name: string }) {
  return Promise.all(Array.from({ length: ROOMS }, () => newRoom(server as ServerProcess)));
}

async function runCluster(): Promise<void> {
  const rooms = await roomsOn({ url: proxy.url, name: 'ketenkaart' });
  const ids = rooms.map((r) => `'${r.room}'`).join(',');
  const [sizeBefore, walBefore] = psql(databaseUrl, "SELECT pg_total_relation_size('updates'), pg_current_wal_lsn()");
  const proxyBefore = procCpuMicros(proxy.pid);
  const started = performance.now();
  let spread = 0;
  let figures: Omit<ClusterFigures, 'spread' | 'haproxyCpuPercent'> | undefined;
  const result = await roomLoad(proxy.url, rooms, LOAD, instances, async () => {
    const clientsOn = await Promise.all(
      instances.map(async (i) => {
        const res = await fetch(`${i.url}/admin/rooms`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
        const body = (await res.json()) as { rooms: { id: string; clients: number }[] };
        return new Map(body.rooms.map((r) => [r.id, r.clients]));
      }),
    );
    spread = rooms.filter((r) => clientsOn.every((m) => (m.get(r.room) ?? 0) > 0)).length;
    const [rows, payload, size, wal] = psql(
      databaseUrl,
      `SELECT count(*), coalesce(sum(octet_length(data)), 0), pg_total_relation_size('updates'), ` +
        `pg_wal_lsn_diff(pg_current_wal_lsn(), '${walBefore}') FROM updates WHERE map_id IN (${ids})`,
    ).map(Number) as [number, number, number, number];
    figures = {
      rowsPerUpdate: rows,
      payloadPerUpdate: payload,
      tableBytesPerUpdate: size - Number(sizeBefore),
      walBytesPerUpdate: wal,
    };
  });
  const seconds = (performance.now() - started) / 1000;
  results.cluster.push(result);
  // createMap stores each room's first update: those rows are not the load's.
  const perUpdate = (x: number) => x / result.sent;
  clusterFigures.push({
    spread,
    rowsPerUpdate: (figures!.rowsPerUpdate - ROOMS) / result.sent,
    payloadPerUpdate: perUpdate(figures!.payloadPerUpdate),
    tableBytesPerUpdate: perUpdate(figures!.tableBytesPerUpdate),
    walBytesPerUpdate: perUpdate(figures!.walBytesPerUpdate),
    haproxyCpuPercent: ((procCpuMicros(proxy.pid) - proxyBefore) / 1e6 / seconds) * 100,
  });
}

async function runSingle(kind: 'single' | 'stock'): Promise<void> {
  const server = kind === 'single' ? single : stock;
  results[kind].push(await roomLoad(server.url, await roomsOn(server), LOAD, [server]));
}

const order: Kind[] = [];
for (let r = 0; r < ROUNDS; r++)
  order.push(...((r % 2 === 0 ? ['cluster', 'single', 'stock'] : ['stock', 'single', 'cluster']) as Kind[]));
try {
  for (const kind of order) {
    if (kind === 'cluster') await runCluster();
    else await runSingle(kind);
  }
} finally {
  await proxy.stop();
  for (const s of [...instances, single, stock]) await s.stop();
  await redis.remove();
  await postgres.stop();
}

const pick = (kind: Kind, f: (r: LoadResult) => number) => median(results[kind].map(f));
const ms = (x: number) => `${x.toFixed(1)} ms`;
const cpu = (kind: Kind, i: number) => `${pick(kind, (r) => r.cpuPercent[i]!).toFixed(0)}%`;
const sum = (kind: Kind, key: 'delivered' | 'expected') => results[kind].reduce((n, r) => n + r[key], 0);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const p99 = (kind: Kind) => pick(kind, (r) => r.p99);
console.log('');
printTable([
  ['', '2 instances + haproxy (PostgreSQL, Redis)', '1 instance (SQLite)', 'y-websocket@2', 'ratio 2 / 1', 'ratio 2 / stock'],
  ['delivery p50', ms(pick('cluster', (r) => r.p50)), ms(pick('single', (r) => r.p50)), ms(pick('stock', (r) => r.p50)), '', ''],
  ['delivery p99', ms(p99('cluster')), ms(p99('single')), ms(p99('stock')), ratio(p99('cluster'), p99('single')), ratio(p99('cluster'), p99('stock'))],
  ['delivery p99, each round', ...(['cluster', 'single', 'stock'] as Kind[]).map((k) => results[k].map((r) => r.p99.toFixed(1)).join(' / ')), '', ''],
  ['delivery max', ms(pick('cluster', (r) => r.max)), ms(pick('single', (r) => r.max)), ms(pick('stock', (r) => r.max)), '', ''],
  ['delivered / expected', ...(['cluster', 'single', 'stock'] as Kind[]).map((k) => `${sum(k, 'delivered')} / ${sum(k, 'expected')}`), '', ''],
  ['server CPU (% of a core)', `${cpu('cluster', 0)} + ${cpu('cluster', 1)}`, cpu('single', 0), cpu('stock', 0), '', ''],
  ['haproxy CPU', `${median(clusterFigures.map((f) => f.haproxyCpuPercent)).toFixed(0)}%`, '', '', '', ''],
]); // prettier-ignore
const f = (key: keyof ClusterFigures, digits = 0) => median(clusterFigures.map((c) => c[key])).toFixed(digits);
console.log(
  `\n  PostgreSQL (fsync ${durable ? 'on' : 'off, BENCH_PG_FSYNC'}) per update: ${f('rowsPerUpdate', 2)} rows, ${f('payloadPerUpdate')} B of update data, ${f('tableBytesPerUpdate')} B of table and index growth, ${f('walBytesPerUpdate')} B of WAL`,
);
console.log(`  rooms with clients on both instances: ${clusterFigures.map((c) => `${c.spread}/${ROOMS}`).join(', ')}`);
const complete = (['cluster', 'single', 'stock'] as Kind[]).every((k) => sum(k, 'delivered') === sum(k, 'expected'));
const spreadOk = clusterFigures.every((c) => c.spread === ROOMS);
const target = p99('cluster') <= 100;
console.log(
  `  target: p99 across instances <= 100 ms -> ${target ? 'ok' : 'MISSED'}; every update delivered -> ${complete ? 'ok' : 'FAILED'}; rooms spread -> ${spreadOk ? 'ok' : 'FAILED'}`,
);
process.exit(complete && spreadOk ? 0 : 1);
