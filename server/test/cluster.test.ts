import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { MemoryStorage } from '../src/storage/memory.js';
import { type Client, connect, createMap, eventually, synced, testServer } from './helpers.js';
import { startRedis, type RedisProcess } from './redis-process.js';

// Two instances in this process, sharing one store (as two processes share one PostgreSQL
// database) and a real redis-server between them.
let redis: RedisProcess;
const storage = new MemoryStorage();
let a: Awaited<ReturnType<typeof testServer>>;
let b: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const options = { storage, redisUrl: redis.url, maxConnectionsPerIpPerMinute: 100_000 };
  a = await testServer({ ...options, instanceId: 'a' });
  b = await testServer({ ...options, instanceId: 'b' });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await a?.stop();
  await b?.stop();
  await redis?.remove();
});

function client(server: { url: string }, id: string, token: string): Client {
  const c = connect(server, id, token);
  clients.push(c);
  return c;
}

const steps = (c: Client) => c.doc.getMap('steps').toJSON();

describe('several instances over Redis', () => {
  it('[SV-N1] an edit through A reaches a client on B; a late joiner on B gets everything', async () => {
    const map = await createMap(a);
    const onA = client(a, map.id, map.editToken);
    const onB = client(b, map.id, map.editToken);
    await Promise.all([synced(onA), synced(onB)]);
    onA.doc.getMap('steps').set('fromA', 1);
    onB.doc.getMap('steps').set('fromB', 2);
    await eventually(() => {
      expect(steps(onB)).toEqual({ fromA: 1, fromB: 2 });
      expect(steps(onA)).toEqual({ fromA: 1, fromB: 2 });
    });
    for (let i = 0; i < 20; i++) (i % 2 ? onA : onB).doc.getMap('steps').set(`k${i}`, i);
    const late = client(b, map.id, map.viewToken);
    await synced(late);
    await eventually(() => expect(steps(late)).toEqual(steps(onA)));
    expect(Object.keys(steps(late))).toHaveLength(22);
  });

  it('[SV-N2] an update whose message never came is read from storage at the next seq', async () => {
    const map = await createMap(a);
    const onA = client(a, map.id, map.editToken);
    const onB = client(b, map.id, map.editToken);
    await Promise.all([synced(onA), synced(onB)]);
    // A third writer that publishes nothing: only storage has its update.
    const silent = new Y.Doc();
    silent.getMap('steps').set('silent', true);
    await storage.appendUpdates([{ id: map.id, update: Y.encodeStateAsUpdate(silent) }]);
    onA.doc.getMap('steps').set('next', 1);
    await eventually(() => expect(steps(onB)).toEqual({ silent: true, next: 1 }));
    await eventually(() => expect(steps(onA)).toEqual({ silent: true, next: 1 }));
    // The metrics tell: Redis up, and updates read from storage that no message had brought.
    const metric = async (s: { url: string }, name: string) => {
      const text = await (await fetch(`${s.url}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    expect(await metric(b, 'ketenkaart_redis_up')).toBe(1);
    expect(await metric(b, 'ketenkaart_cluster_caught_up_updates_total')).toBeGreaterThanOrEqual(1);
  });

  it('[SV-N4] presence crosses instances, a joiner on B sees the cursors of A, and leaving removes them', async () => {
    const map = await createMap(a);
    const onA = client(a, map.id, map.editToken);
    await synced(onA);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const onB = client(b, map.id, map.viewToken);
    await synced(onB);
    const names = (aw: Awareness) =>
      [...aw.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name).filter(Boolean);
    await eventually(() => expect(names(onB.provider.awareness)).toEqual(['Ada']));
    onB.provider.awareness.setLocalStateField('user', { name: 'Bea' });
    await eventually(() => expect(names(onA.provider.awareness).sort()).toEqual(['Ada', 'Bea']));
    onA.provider.disconnect();
    await eventually(() => expect(names(onB.provider.awareness)).toEqual(['Bea']));
  });

  it('[SV-N4] a room still loading keeps the presence it hears from other instances', async () => {
    // Instance C reads documents slowly: its subscription, and the others' answers, come first.
    const slow = new Proxy(storage, {
      get(target, key) {
        if (key === 'loadDocument') {
          return async (id: string) => {
            await new Promise((r) => setTimeout(r, 500));
            return target.loadDocument(id);
          };
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const c = await testServer({ storage: slow, redisUrl: redis.url, instanceId: 'c' });
    try {
      const map = await createMap(a);
      const onA = client(a, map.id, map.editToken);
      await synced(onA);
      onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
      const onC = client(c, map.id, map.viewToken);
      await synced(onC);
      const names = () =>
        [...onC.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name);
      // Well before the stock client renews its state (15 s).
      await eventually(() => expect(names()).toContain('Ada'), { timeout: 5_000 });
    } finally {
      await c.stop();
    }
  });

  it('[SV-N5] a rotation on A closes the old sockets on B within a second; a deletion on A closes them with 4410', async () => {
    const map = await createMap(a);
    const onB = client(b, map.id, map.editToken);
    const viewerOnB = client(b, map.id, map.viewToken);
    await Promise.all([synced(onB), synced(viewerOnB)]);
    const closes: number[] = [];
    for (const c of [onB, viewerOnB])
      c.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    const started = performance.now();
    const res = await fetch(`${a.url}/api/maps/${map.id}/links/rotate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${map.editToken}` },
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { editToken: string };
    await eventually(() => expect(closes).toEqual([CLOSE_CODES.unauthorized, CLOSE_CODES.unauthorized]), {
      timeout: 1_000,
      interval: 10,
    });
    expect(performance.now() - started).toBeLessThan(1_000 + 1_000); // the rule's second, plus the rotate request
    const again = client(b, map.id, rotated.editToken);
    await synced(again);
    const gone = new Promise<number>((resolve) =>
      again.provider.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
    );
    const del = await fetch(`${a.url}/api/maps/${map.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${rotated.editToken}` },
    });
    expect(del.status).toBe(200);
    expect(await gone).toBe(CLOSE_CODES.mapDeleted);
  });

  it('[SV-N6] reports Redis in /healthz and /readyz; without Redis updates arrive late, and live again once it is back', async () => {
    const health = async (s: { url: string }, path: string) =>
      (await (await fetch(`${s.url}${path}`)).json()) as object;
    expect(await health(a, '/healthz')).toMatchObject({ status: 'ok', redis: 'up' });
    expect(await health(b, '/readyz')).toMatchObject({ status: 'ok', redis: 'up' });
    const map = await createMap(a);
    const onA = client(a, map.id, map.editToken);
    const onB = client(b, map.id, map.editToken);
    await Promise.all([synced(onA), synced(onB)]);
    await redis.stop();
    await eventually(async () => expect(await health(b, '/readyz')).toMatchObject({ status: 'ok', redis: 'down' }));
    onA.doc.getMap('steps').set('whileDown', 1);
    await eventually(() => expect(steps(onB)).toEqual({ whileDown: 1 }));
    await redis.start();
    await eventually(async () => expect(await health(a, '/healthz')).toMatchObject({ status: 'ok', redis: 'up' }));
    await eventually(async () => expect(await health(b, '/healthz')).toMatchObject({ status: 'ok', redis: 'up' }));
    onB.doc.getMap('steps').set('after', 2);
    await eventually(() => expect(steps(onA)).toEqual({ whileDown: 1, after: 2 }));
  });

  it('[SV-N5] while Redis is away a rotation on A still closes the old sockets on B (learnt from storage), not the new ones', async () => {
    const map = await createMap(a);
    const old = client(b, map.id, map.editToken);
    await synced(old);
    const closes: number[] = [];
    old.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    await redis.stop();
    try {
      const res = await fetch(`${a.url}/api/maps/${map.id}/links/rotate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${map.editToken}` },
      });
      const rotated = (await res.json()) as { editToken: string };
      const fresh = client(b, map.id, rotated.editToken);
      await synced(fresh);
      await eventually(() => expect(closes).toEqual([CLOSE_CODES.unauthorized]));
      // Another poll or two later the socket with the new token is still open.
      const polls = 3;
      for (let i = 0; i < polls; i++) await new Promise((r) => setTimeout(r, 1_000));
      expect(fresh.provider.wsconnected).toBe(true);
    } finally {
      await redis.start();
    }
  });
});
