import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage, SqliteStorage } from '../src/index.js';
import type { Append, MapRecord } from '../src/storage/types.js';
import { type Created, createMap, tempDir, testServer } from './helpers.js';

/** Memory storage whose reads or writes can be made to fail, as a disk or a lock can. */
class FlakyStorage extends MemoryStorage {
  failReads = false;
  failWrites = false;
  #fail(): Promise<never> {
    return Promise.reject(new Error('injected storage failure'));
  }
  override getMap(id: string) {
    return this.failReads ? this.#fail() : super.getMap(id);
  }
  override loadDocument(id: string) {
    return this.failReads ? this.#fail() : super.loadDocument(id);
  }
  override countMaps() {
    return this.failReads ? this.#fail() : super.countMaps();
  }
  override createMap(record: MapRecord, initial?: readonly Uint8Array[]) {
    return this.failWrites ? this.#fail() : super.createMap(record, initial);
  }
  override setTokenHashes(id: string, edit: string, view: string) {
    return this.failWrites ? this.#fail() : super.setTokenHashes(id, edit, view);
  }
  override appendUpdates(appends: readonly Append[]) {
    return this.failWrites ? this.#fail() : super.appendUpdates(appends);
  }
}

const file = {
  format: 'ketenkaart',
  version: 1,
  title: 'Opslag',
  partners: [{ id: 'p', name: 'P' }],
  steps: [],
  flows: [],
};

/** Every route that touches storage, as `[name, request]`. */
function routes(url: string, map: Created): [string, () => Promise<Response>][] {
  const json = { 'Content-Type': 'application/json' };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  return [
    ['POST /api/maps (blank)', () => fetch(`${url}/api/maps`, { method: 'POST' })],
    [
      'POST /api/maps (file)',
      () => fetch(`${url}/api/maps`, { method: 'POST', headers: json, body: JSON.stringify(file) }),
    ],
    ['GET access', () => fetch(`${url}/api/maps/${map.id}/access`, { headers: auth(map.viewToken) })],
    ['GET links', () => fetch(`${url}/api/maps/${map.id}/links`, { headers: auth(map.editToken) })],
    ['GET export.json', () => fetch(`${url}/api/maps/${map.id}/export.json`, { headers: auth(map.viewToken) })],
    [
      'PUT content',
      () =>
        fetch(`${url}/api/maps/${map.id}/content`, {
          method: 'PUT',
          headers: { ...json, ...auth(map.editToken) },
          body: JSON.stringify({ ...file, title: 'Nieuw' }),
        }),
    ],
    [
      'POST links/rotate',
      () => fetch(`${url}/api/maps/${map.id}/links/rotate`, { method: 'POST', headers: auth(map.editToken) }),
    ],
  ];
}

/** Sends each request and returns `name: status error` lines, so a failure names every route at once. */
async function answers(requests: [string, () => Promise<Response>][]): Promise<string[]> {
  const out: string[] = [];
  for (const [name, send] of requests) {
    const res = await send();
    const body = (await res.json()) as { error?: string };
    out.push(`${name}: ${res.status} ${res.headers.get('content-type')} ${body.error ?? 'ok'}`);
  }
  return out;
}

const UNAVAILABLE = 'application/json; charset=utf-8 storage unavailable; try again later';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('storage failures over HTTP', () => {
  it('[SV-S5] [SV-H13] the quota cannot be counted: creation answers 503', async () => {
    const storage = new FlakyStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    storage.failReads = true;
    const res = await fetch(`${server.url}/api/maps`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'storage unavailable; try again later' });
    storage.failReads = false;
    expect((await fetch(`${server.url}/api/maps`, { method: 'POST' })).status).toBe(201);
  });

  it('[SV-S5] a closed SQLite database: every route answers 503 with a JSON error, never 500', async () => {
    const tmp = tempDir();
    const storage = new SqliteStorage(tmp.dir);
    const server = await testServer({ storage });
    stop = async () => {
      await server.stop();
      tmp.remove();
    };
    const map = await createMap(server, file);
    await storage.close();
    const requests = routes(server.url, map);
    expect(await answers(requests)).toEqual(requests.map(([name]) => `${name}: 503 ${UNAVAILABLE}`));
  });

  it('[SV-S5] reads failing: every route that reads answers 503; once the store is back, nothing was lost', async () => {
    const storage = new FlakyStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const map = await createMap(server, file);
    storage.failReads = true;
    const created = 'application/json; charset=utf-8 ok';
    expect(await answers(routes(server.url, map))).toEqual([
      // Creating reads nothing (the quota's count was taken at the first creation).
      `POST /api/maps (blank): 201 ${created}`,
      `POST /api/maps (file): 201 ${created}`,
      `GET access: 503 ${UNAVAILABLE}`,
      `GET links: 503 ${UNAVAILABLE}`,
      `GET export.json: 503 ${UNAVAILABLE}`,
      `PUT content: 503 ${UNAVAILABLE}`,
      `POST links/rotate: 503 ${UNAVAILABLE}`,
    ]);
    storage.failReads = false;
    const res = await fetch(`${server.url}/api/maps/${map.id}/export.json?token=${map.viewToken}`);
    expect(((await res.json()) as { title: string }).title).toBe('Opslag');
  });

  it('[SV-S5] writes failing, reads working: each write answers 503 and changes nothing; reads answer 200', async () => {
    const storage = new FlakyStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const map = await createMap(server, file);
    storage.failWrites = true;
    const ok = 'application/json; charset=utf-8 ok';
    expect(await answers(routes(server.url, map))).toEqual([
      `POST /api/maps (blank): 503 ${UNAVAILABLE}`,
      `POST /api/maps (file): 503 ${UNAVAILABLE}`,
      `GET access: 200 ${ok}`,
      `GET links: 200 ${ok}`,
      `GET export.json: 200 ${ok}`,
      `PUT content: 503 ${UNAVAILABLE}`,
      `POST links/rotate: 503 ${UNAVAILABLE}`,
    ]);
    storage.failWrites = false;
    // The old links still work and the content is the old one: no write half-happened.
    const res = await fetch(`${server.url}/api/maps/${map.id}/export.json?token=${map.viewToken}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { title: string }).title).toBe('Opslag');
  });
});
