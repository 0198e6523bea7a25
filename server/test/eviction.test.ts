import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each stock provider adds a process 'exit' listener.
process.setMaxListeners(100);
import { DEFAULT_CONFIG } from '../src/config.js';
import { connect, type Created, createMap, eventually, exportMap, synced, testServer } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: Awaited<ReturnType<typeof testServer>>;
const ROOMS = 200;

beforeAll(async () => {
  server = await testServer({ evictAfterMs: 100, maxConnectionsPerIpPerMinute: 100_000, maxMapsPerIpPerHour: 100_000 });
});
afterAll(async () => {
  await server.stop();
});

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const mapFile = (i: number) => ({
  format: 'ketenkaart',
  version: 1,
  title: `Kaart ${i}`,
  partners: [{ id: 'p', name: 'Partner' }],
  steps: Array.from({ length: 30 }, (_, s) => ({
    id: `s${s}`,
    partner: 'p',
    label: `Stap ${s} van kaart ${i}`,
    x: s * 40,
    y: 0,
  })),
  flows: [],
});

describe('eviction', () => {
  it('[SV-S6] a room leaves memory at most 60 s after its last client, by default', () => {
    expect(DEFAULT_CONFIG.evictAfterMs).toBeLessThanOrEqual(60_000);
  });

  /** Opens ROOMS rooms in batches of 20, edits each once, closes them; returns the maps. */
  async function openAndClose(round: string): Promise<Created[]> {
    const maps: Created[] = [];
    for (let i = 0; i < ROOMS; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, k) => createMap(server, mapFile(i + k))));
      const clients = batch.map((m) => connect(server, m.id, m.editToken));
      await Promise.all(clients.map((c) => synced(c)));
      clients.forEach((c, k) => c.doc.getMap('meta').set('title', `Kaart ${i + k} (${round})`));
      // Let the edits reach the server before leaving.
      await eventually(async () => {
        const m = batch[batch.length - 1]!;
        expect(((await exportMap(server, m.id, m.viewToken)) as { title: string }).title).toContain(round);
      });
      for (const c of clients) c.destroy();
      maps.push(...batch);
    }
    await eventually(() => expect(server.roomCount()).toBe(0), { timeout: 10_000 });
    return maps;
  }

  it(`[SV-S6] ${3 * ROOMS} rooms opened and closed: memory returns near its baseline, every room loads intact`, async () => {
    // A first round warms up code, pools and caches; the baseline is taken after it.
    await openAndClose('warm-up');
    const baseline = heapMb();
    // Three rounds, so that a leak (anything a room leaves behind grows with the rooms) stands
    // out of the heap's own noise (V8 keeps up to ~3 MB of code and caches between collections).
    await openAndClose('eerst');
    await openAndClose('daarna');
    const maps = await openAndClose('bewerkt');
    const after = heapMb();
    const perRoomKb = ((after - baseline) * 1024) / (3 * ROOMS);
    // One room's document of 30 steps alone holds tens of KB; a room kept in memory would exceed this.
    expect(perRoomKb, `heap grew from ${baseline.toFixed(1)} MB to ${after.toFixed(1)} MB`).toBeLessThan(8);

    for (const [i, m] of maps.entries()) {
      const file = (await exportMap(server, m.id, m.viewToken)) as { title: string; steps: unknown[] };
      expect(file.title).toBe(`Kaart ${i} (bewerkt)`);
      expect(file.steps).toHaveLength(30);
    }
    await eventually(() => expect(server.roomCount()).toBe(0), { timeout: 10_000 });
  });
});
