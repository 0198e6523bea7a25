/**
 * The fan-out load of `cluster.ts`: clients in rooms, each sending an update at a steady rate,
 * and the delivery time of each update to every other client of its room (send → receive of the
 * server's broadcast). Clients connect one after another, so a round-robin load balancer puts
 * the clients of each room on alternating instances.
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './report.js';
import type { ChildStats } from './child-stats.js';
import { SyncClient, structKey } from './sync-client.js';

export interface Load {
  readonly clientsPerRoom: number;
  readonly hz: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Deliveries of the updates sent while measuring, and how many there should be. */
  readonly delivered: number;
  readonly expected: number;
  /** Updates sent in all (warm-up included). */
  readonly sent: number;
  /** CPU of each measured process while measuring, in % of a core. */
  readonly cpuPercent: readonly number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the load against `url` in `rooms`; `processes` are asked for their CPU time around the
 * measurement; `whileConnected` runs after the last delivery, before the clients leave.
 */
export async function roomLoad(
  url: string,
  rooms: readonly { room: string; token: string }[],
  load: Load,
  processes: readonly { stats(): Promise<ChildStats> }[],
  whileConnected: () => Promise<void> = async () => {},
): Promise<LoadResult> {
  const clients: SyncClient[] = [];
  for (const r of rooms) {
    for (let k = 0; k < load.clientsPerRoom; k++) {
      const c = new SyncClient(url, r.room, r.token);
      await c.synced;
      clients.push(c);
    }
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measureFrom = Infinity;
  let measureTo = Infinity;
  clients.forEach((c) => {
    c.onUpdate = (update) => {
      const t = performance.now();
      const key = structKey(update);
      const at = sentAt.get(key);
      if (at === undefined || key.startsWith(`${c.doc.clientID}:`)) return; // the sender's own echo
      if (at >= measureFrom && at < measureTo) latencies.push(t - at);
    };
  });
  await sleep(500);
  let sent = 0;
  let measured = 0;
  const period = 1000 / load.hz;
  const timers = clients.map((c, i) => {
    let n = 0;
    const fire = (): void => {
      const key = c.edit(`k${i}`, n++);
      const at = performance.now();
      sentAt.set(key, at);
      sent++;
      if (at >= measureFrom && at < measureTo) measured++;
    };
    return setTimeout(() => {
      fire();
      timers[i] = setInterval(fire, period);
    }, Math.random() * period);
  });
  await sleep(load.warmupSeconds * 1000);
  const before = await Promise.all(processes.map((p) => p.stats()));
  measureFrom = performance.now();
  await sleep(load.seconds * 1000);
  measureTo = performance.now();
  for (const t of timers) clearInterval(t);
  const after = await Promise.all(processes.map((p) => p.stats()));
  const elapsed = (measureTo - measureFrom) / 1000;
  await sleep(1500); // the last deliveries
  await whileConnected();
  for (const c of clients) c.close();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((m, x) => Math.max(m, x), 0),
    delivered: latencies.length,
    expected: measured * (load.clientsPerRoom - 1),
    sent,
    cpuPercent: after.map((a, i) => ((a.cpuMicros - before[i]!.cpuMicros) / 1e6 / elapsed) * 100),
  };
}
