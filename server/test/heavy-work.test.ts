import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, parseMapFile } from '@ketenkaart/shared';
import { MemoryStorage } from '../src/index.js';
import { bigMap, watchEventLoop } from './big-map.js';
import { connect, createMap, eventually, synced, testServer, type Client, type Created } from './helpers.js';

/**
 * The longest the event loop may be blocked while the server does heavy work: generous (a loaded
 * two-core machine stretches every block), yet far below the stalls of 2-65 s this guards against.
 */
const MAX_BLOCK_MS = 1_000;

type Server = Awaited<ReturnType<typeof testServer>>;
let server: Server;
const clients: Client[] = [];

beforeAll(async () => {
  server = await testServer({ evictAfterMs: 60_000 });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

const post = (s: { url: string }, body: string) =>
  fetch(`${s.url}/api/maps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('validation stops at its limits as it goes (SH-J13) over HTTP', () => {
  it('[SH-J13] [SV-W1] an 8 MB body of 4 million values in arrays 33 deep gets a 400 at once; the server goes on', async () => {
    const body = `${'['.repeat(33)}${'0,'.repeat(4_000_000)}0${']'.repeat(33)}`;
    const watch = watchEventLoop();
    const res = await post(server, body);
    const blocked = watch.stop();
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { problems: { path: string; message: string }[] };
    expect(answer.problems).toEqual([
      { path: `$${'[0]'.repeat(32)}`, code: 'tooDeep', message: 'nested deeper than 32 levels', params: { max: 32 } },
    ]);
    expect(blocked).toBeLessThan(MAX_BLOCK_MS);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await createMap(server, bigMap(3));
  });

  it('[SH-J13] [SV-W1] a 32 MB body nested 16 million deep gets a 400 without stalling the event loop', async () => {
    const body = `${'['.repeat(16_000_000)}${']'.repeat(16_000_000)}`;
    const watch = watchEventLoop();
    const res = await post(server, body);
    const blocked = watch.stop();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { problems: unknown[] }).problems).toHaveLength(1);
    expect(blocked).toBeLessThan(MAX_BLOCK_MS);
  });

  it('[SH-J13] 20,000 invalid steps and 50,000 invalid flows get a 400 with the first 1,000 problems', async () => {
    const steps = Array.from({ length: 20_000 }, () => ({ id: 'bad id!', partner: 'no one', label: 5 }));
    const flows = Array.from({ length: 50_000 }, () => ({ id: '', from: 'a b', to: 7 }));
    const file = { format: 'ketenkaart', version: 1, title: 'T', partners: [], steps, flows };
    const res = await post(server, JSON.stringify(file));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; problems: { path: string }[] };
    expect(answer.error).toBe('invalid ketenkaart file');
    expect(answer.problems).toHaveLength(LIMITS.problems);
    expect(answer.problems[0]?.path).toBe('$.steps[0].id');
  });
});

describe('heavy work runs in worker threads (SV-W1)', () => {
  it('[SV-W1] a viewer exporting a 20,000-step map again and again: another room’s updates keep flowing', async () => {
    // This process is the server's too: the test itself does no heavy work while it watches.
    const body = JSON.stringify(bigMap(20_000));
    const watchImport = watchEventLoop();
    const res = await post(server, body);
    const importBlocked = watchImport.stop();
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    const exportOnce = async (): Promise<string> => {
      const answer = await fetch(`${server.url}/api/maps/${created.id}/export.json?token=${created.viewToken}`);
      expect(answer.status).toBe(200);
      return answer.text();
    };
    // The first export loads the room into memory; the viewer's later ones find it there.
    expect(parseMapFile(await exportOnce()).steps).toHaveLength(20_000);

    const other = await createMap(server);
    const writer = connect(server, other.id, other.editToken);
    const reader = connect(server, other.id, other.editToken);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    reader.doc.getMap('meta').observe(() => {
      const n = reader.doc.getMap('meta').get('n') as number;
      const at = sentAt.get(n);
      if (at !== undefined) latencies.push(performance.now() - at);
    });
    let n = 0;
    const ticker = setInterval(() => {
      sentAt.set(++n, performance.now());
      writer.doc.getMap('meta').set('n', n);
    }, 50);

    const watch = watchEventLoop();
    const exported: string[] = [];
    for (let i = 0; i < 3; i++) exported.push(await exportOnce());
    const blocked = watch.stop();
    clearInterval(ticker);
    await eventually(() => expect(reader.doc.getMap('meta').get('n')).toBe(n));

    expect(exported.map((text) => parseMapFile(text).steps.length)).toEqual([20_000, 20_000, 20_000]);
    expect(importBlocked).toBeLessThan(MAX_BLOCK_MS);
    expect(blocked).toBeLessThan(MAX_BLOCK_MS);
    expect(n).toBeGreaterThan(10);
    latencies.sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThan(n / 2);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(250);
  });
});

describe('export of a map not in memory (SV-W3)', () => {
  it('[SV-W3] is read from storage without loading a room; a map in memory is exported from its room', async () => {
    const quick = await testServer({ evictAfterMs: 50 });
    try {
      const created = await createMap(quick, bigMap(30));
      const editor = connect(quick, created.id, created.editToken);
      clients.push(editor);
      await synced(editor);
      editor.doc.getMap('meta').set('title', 'Bewerkt');
      const title = async (): Promise<string> => {
        const res = await fetch(`${quick.url}/api/maps/${created.id}/export.json?token=${created.viewToken}`);
        expect(res.status).toBe(200);
        return parseMapFile(await res.text()).title;
      };
      await eventually(async () => expect(await title()).toBe('Bewerkt'));
      editor.destroy();
      await eventually(() => expect(quick.roomCount()).toBe(0));
      expect(await title()).toBe('Bewerkt');
      expect(quick.roomCount()).toBe(0);
    } finally {
      await quick.stop();
    }
  });
});

describe('heavy work has a budget (SV-W2)', () => {
  it('[SV-W2] work that takes longer than the budget gets a 503 with a JSON error; the server goes on', async () => {
    const slow = await testServer({ workTimeoutMs: 50 });
    try {
      const res = await post(slow, JSON.stringify(bigMap(5_000)));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'took longer than the server allows (0.05 s)' });
      expect((await fetch(`${slow.url}/readyz`)).status).toBe(200);
    } finally {
      await slow.stop();
    }
  });

  it('[SV-W2] an import that needs more memory than a thread may have gets 413; an export of such a map 503', async () => {
    const storage = new MemoryStorage();
    const roomy = await testServer({ storage });
    const tight = await testServer({ storage, workMemoryMb: 24 });
    try {
      const created = await createMap(roomy, bigMap(5_000));
      const small = await post(tight, JSON.stringify(bigMap(3)));
      expect(small.status).toBe(201);
      const res = await post(tight, JSON.stringify(bigMap(5_000)));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string }).error).toMatch(/more memory than the server allows \(24 MiB\)/);
      const exported = await fetch(`${tight.url}/api/maps/${created.id}/export.json?token=${created.viewToken}`);
      expect(exported.status).toBe(503);
      expect((await fetch(`${roomy.url}/api/maps/${created.id}/export.json?token=${created.viewToken}`)).status).toBe(
        200,
      );
    } finally {
      await tight.stop();
      await roomy.stop();
    }
  });
});
