import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { PostgresStorage } from '../src/storage/postgres.js';
import { startChild, type ChildServer } from './child-server.js';
import { startHaproxy, type Haproxy } from './haproxy-process.js';
import { type Client, connect, createMap, eventually, synced } from './helpers.js';
import { startRedis, type RedisProcess } from './redis-process.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// Real processes: PostgreSQL, redis-server, two server instances (tsx children) and haproxy in
// front of them, all on free loopback ports. Each stock provider adds a process 'exit' listener.
process.setMaxListeners(50);
const SEED = Number(process.env['CLUSTER_SEED'] ?? 16);
const CLIENTS = 10;
/** Each client writes twice a second: 20 updates a second in all. */
const PERIOD_MS = 500;
const ADMIN_TOKEN = 'cluster-test-admin-token';

let postgres: TestPostgres;
let databaseUrl: string;
let redis: RedisProcess;
let instances: ChildServer[] = [];
let proxy: Haproxy;
const clients: Client[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase('cluster');
  redis = await startRedis();
  const env = {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    KETENKAART_MAX_CONNECTIONS_PER_IP_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    KETENKAART_ADMIN_TOKEN: ADMIN_TOKEN,
  };
  instances = await Promise.all([
    startChild({ ...env, KETENKAART_INSTANCE_ID: 'a' }),
    startChild({ ...env, KETENKAART_INSTANCE_ID: 'b' }),
  ]);
  proxy = await startHaproxy(instances.map((i) => Number(new URL(i.url).port)));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const i of instances) i.child.kill('SIGKILL');
  await Promise.all(instances.map((i) => i.exited));
  await proxy?.stop();
  await redis?.remove();
  await postgres?.stop();
});

/** The keys of map `id` as PostgreSQL holds them. */
async function storedKeys(id: string): Promise<Set<string>> {
  const storage = await PostgresStorage.open({ url: databaseUrl });
  try {
    const doc = new Y.Doc();
    for (const u of (await storage.loadDocument(id)).updates) Y.applyUpdate(doc, u);
    return new Set(doc.getMap('steps').keys());
  } finally {
    await storage.close();
  }
}

/** Waits until every live instance says Redis is up (SV-N6). */
async function redisUpEverywhere(timeout = 15_000): Promise<void> {
  await eventually(
    async () => {
      for (const i of instances.filter((x) => x.child.exitCode === null && x.child.signalCode === null)) {
        const health = (await (await fetch(`${i.url}/healthz`)).json()) as { redis?: string };
        expect(health.redis, `${i.url} Redis`).toBe('up');
      }
    },
    { timeout, interval: 50 },
  );
}

/** How many clients of map `id` each instance holds (its admin endpoint, SV-O4). */
async function clientsOn(id: string): Promise<number[]> {
  return Promise.all(
    instances
      .filter((i) => i.child.exitCode === null && i.child.signalCode === null)
      .map(async (i) => {
        const res = await fetch(`${i.url}/admin/rooms`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
        const { rooms } = (await res.json()) as { rooms: { id: string; clients: number }[] };
        return rooms.find((r) => r.id === id)?.clients ?? 0;
      }),
  );
}

/** `count` stock clients through the load balancer, and a viewer that sees only what was stored (SV-S2). */
async function editorsAndObserver(id: string, editToken: string, viewToken: string, count: number) {
  const editors = Array.from({ length: count }, () => connect(proxy, id, editToken, false, 100));
  const observer = connect(proxy, id, viewToken, true, 100);
  clients.push(...editors, observer);
  await Promise.all([...editors, observer].map((c) => synced(c, 30_000)));
  return { editors, observer };
}

/** Every editor sets its own key each PERIOD_MS, phases spread; returns the stop function and the count of rounds. */
function editEvery(editors: readonly Client[]): { stop: () => number } {
  const rounds = editors.map(() => 0);
  const timers = editors.map((e, i) =>
    setTimeout(
      () => {
        const write = () => e.doc.getMap('steps').set(`c${i}-${rounds[i]!}`, rounds[i]!++);
        write();
        timers[i] = setInterval(write, PERIOD_MS);
      },
      (i * PERIOD_MS) / editors.length,
    ),
  );
  return {
    stop: () => {
      for (const t of timers) clearInterval(t);
      return rounds.reduce((a, b) => a + b, 0);
    },
  };
}

const everyKey = (c: Client) => [...c.doc.getMap('steps').keys()].sort();

describe('several instances as processes behind haproxy', () => {
  it('[SV-N6] Redis restarted under load: no update lost, every instance converges within 5 s of its return', async () => {
    const map = await createMap(proxy);
    const { editors, observer } = await editorsAndObserver(map.id, map.editToken, map.viewToken, CLIENTS);
    // haproxy spread the map's clients over both instances.
    const spread = await clientsOn(map.id);
    expect(
      spread.every((n) => n > 0),
      `clients per instance: ${spread.join(', ')}`,
    ).toBe(true);
    const load = editEvery(editors);
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    await redis.start();
    const written = load.stop();
    // Both instances are back on Redis (they would converge through storage even without it).
    await redisUpEverywhere(5_000);
    // Each instance has reconnected and caught up: every client holds every key written.
    await eventually(
      () => {
        for (const c of [...editors, observer]) expect(everyKey(c)).toHaveLength(written);
      },
      { timeout: 5_000, interval: 50 },
    );
    const keys = everyKey(observer);
    for (const c of editors) expect(everyKey(c)).toEqual(keys);
    expect([...(await storedKeys(map.id))].sort()).toEqual(keys);
  }, 120_000);

  it('[SV-N2] [SV-N4] kill -9 of an instance under load: clients reconnect to the other, converge, and every acknowledged update is in PostgreSQL', async () => {
    const gen = prng.create(SEED);
    await redisUpEverywhere();
    const map = await createMap(proxy);
    const { editors, observer } = await editorsAndObserver(map.id, map.editToken, map.viewToken, CLIENTS);
    // A presence on the instance to be killed, watched from the other one (directly, not through haproxy).
    const [doomed, survivor] = instances as [ChildServer, ChildServer];
    const present = connect(doomed, map.id, map.viewToken);
    const watcher = connect(survivor, map.id, map.viewToken);
    clients.push(present, watcher);
    await Promise.all([synced(present), synced(watcher)]);
    present.provider.awareness.setLocalStateField('user', { name: 'Doomed' });
    const names = () =>
      [...watcher.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name);
    await eventually(() => expect(names()).toContain('Doomed'));
    // Editors on the instance to be killed, and on the other.
    const spread = await clientsOn(map.id);
    expect(
      spread.every((n) => n > 1),
      `clients per instance: ${spread.join(', ')}`,
    ).toBe(true);

    const load = editEvery(editors);
    await new Promise((r) => setTimeout(r, prng.uint32(gen, 1_000, 2_000)));
    // The observer only ever receives what an instance sends after storing it: a key it has seen
    // is an acknowledged write.
    const acknowledged = everyKey(observer);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    present.destroy(); // gone with its instance: nobody announces its leaving
    const stored = await storedKeys(map.id);
    expect(
      acknowledged.filter((k) => !stored.has(k)),
      'acknowledged but not stored',
    ).toEqual([]);
    expect(acknowledged.length, 'updates acknowledged before the kill').toBeGreaterThan(CLIENTS);

    // The clients reconnect through haproxy to the survivor and keep editing.
    await new Promise((r) => setTimeout(r, 2_000));
    const written = load.stop();
    await eventually(
      () => {
        for (const c of [...editors, observer]) expect(everyKey(c)).toHaveLength(written);
      },
      { timeout: 30_000, interval: 50 },
    );
    const keys = everyKey(observer);
    for (const c of editors) {
      expect(c.doc.getMap('steps').toJSON(), 'an editor and the observer').toEqual(
        observer.doc.getMap('steps').toJSON(),
      );
    }
    expect([...(await storedKeys(map.id))].sort(), 'PostgreSQL and the observer').toEqual(keys);
    // SV-N4: the dead instance's presence leaves the survivor's clients once it has been silent for 7 s.
    await eventually(() => expect(names()).not.toContain('Doomed'), { timeout: 20_000, interval: 100 });
  }, 120_000);
});
