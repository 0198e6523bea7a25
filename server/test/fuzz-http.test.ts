import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { describeBody, hostileMapId, nextBody, validMap, type FuzzBody } from './fuzz-bodies.js';
import { connect, type Created, createMap, eventually, synced, testServer } from './helpers.js';

/** Seeds run on every suite run; a seed that ever failed is added here. `FUZZ_HTTP_SEED` runs one more. */
const SEEDS = [20261201, 1, 2, 3, ...(process.env['FUZZ_HTTP_SEED'] ? [Number(process.env['FUZZ_HTTP_SEED'])] : [])];
const REQUESTS_PER_SEED = 200;
const MAX_BODY = 64 * 1024;
/** Every status a request may get here; no 5xx at all (the store is healthy and the load small). */
const DOCUMENTED = new Set([200, 201, 400, 401, 403, 404, 405, 413, 415]);

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer({ maxBodyBytes: MAX_BODY, maxMapsPerIpPerHour: 1_000_000 });
});
afterAll(async () => {
  await server.stop();
});

interface Sent {
  method: string;
  path: string;
  body: FuzzBody | undefined;
}

/** Picks a route for the body: every route of the API, with the right, the wrong and no token. */
function pickRoute(
  gen: prng.PRNG,
  map: Created,
  honest: Created,
): { method: string; path: string; token: string | undefined } {
  const token = prng.oneOf(gen, [map.editToken, map.editToken, map.viewToken, 'wrong', undefined]);
  switch (prng.uint32(gen, 0, 8)) {
    case 0:
    case 1:
    case 2:
      return { method: 'POST', path: '/api/maps', token: undefined };
    case 3:
    case 4:
      return { method: 'PUT', path: `/api/maps/${map.id}/content`, token };
    case 5:
      return { method: 'POST', path: `/api/maps/${map.id}/links/rotate`, token };
    case 6:
      return {
        method: prng.oneOf(gen, ['PUT', 'POST', 'PATCH', 'DELETE']),
        path: prng.oneOf(gen, [
          `/api/maps/${map.id}/content`,
          `/api/maps/${map.id}/export.json`,
          `/api/maps/${map.id}/layout`,
          `/api/maps/${prng.word(gen, 0, 30)}/content`,
          '/api/maps',
          `/api/${prng.word(gen, 0, 10)}`,
        ]),
        token,
      };
    case 7:
      // SV-O1 (SV-H18): deleting the fuzzed map (with any token, with or without a body), a map
      // that does not exist, or the honest editor's map with a token that may not delete it.
      return prng.oneOf(gen, [
        { method: 'DELETE', path: `/api/maps/${map.id}`, token },
        { method: 'DELETE', path: `/api/maps/${map.id}`, token },
        { method: 'DELETE', path: `/api/maps/${hostileMapId(gen, map.id)}`, token },
        {
          method: 'DELETE',
          path: `/api/maps/${honest.id}`,
          token: prng.oneOf(gen, [honest.viewToken, map.editToken, 'wrong', undefined]),
        },
      ]);
    default:
      return {
        method: 'GET',
        path: prng.oneOf(gen, [
          `/api/maps/${map.id}/export.json`,
          `/api/maps/${map.id}/access`,
          `/api/maps/${map.id}/links`,
        ]),
        token,
      };
  }
}

/**
 * After a 200 to a deletion: the map is gone everywhere (both links answer 404, so does a second
 * deletion), and the fuzzing goes on with a new map.
 */
async function checkDeleted(gen: prng.PRNG, map: Created): Promise<Created> {
  for (const [method, path, token] of [
    ['GET', `/api/maps/${map.id}/access`, map.editToken],
    ['GET', `/api/maps/${map.id}/export.json`, map.viewToken],
    ['DELETE', `/api/maps/${map.id}`, map.editToken],
  ] as const) {
    const res = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
    expect(res.status, `${method} ${path} after the deletion`).toBe(404);
  }
  return createMap(server, validMap(gen, 2, 5));
}

/** Exports a map and imports the export again: what the server accepted must round-trip. */
async function roundTrip(id: string, token: string): Promise<void> {
  const exported = await fetch(`${server.url}/api/maps/${id}/export.json`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(exported.status, 'export of an accepted map').toBe(200);
  const text = await exported.text();
  const again = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
  expect(again.status, `re-import of the export ${text.slice(0, 500)}`).toBe(201);
}

describe('fuzzed HTTP bodies', () => {
  for (const seed of SEEDS) {
    it(`[SV-H18] ${REQUESTS_PER_SEED} hostile bodies to every route get documented answers (seed ${seed})`, async () => {
      const gen = prng.create(seed);
      let map = await createMap(server, validMap(gen, 2, 5));
      // An honest editor in another room keeps editing and is never disconnected.
      const honest = await createMap(server);
      const editor = connect(server, honest.id, honest.editToken);
      await synced(editor);
      const drops: number[] = [];
      editor.provider.on('connection-close', (e: { code: number } | null) => drops.push(e?.code ?? 0));
      let sent: Sent | undefined;
      let answer = '';
      let deletions = 0;
      try {
        for (let n = 0; n < REQUESTS_PER_SEED; n++) {
          const route = pickRoute(gen, map, honest);
          // A deletion takes no body; half of them get one anyway.
          const body =
            route.method === 'GET' || (route.method === 'DELETE' && prng.bool(gen))
              ? undefined
              : nextBody(gen, MAX_BODY);
          sent = { method: route.method, path: route.path, body };
          const headers: Record<string, string> = {};
          if (body?.contentType) headers['Content-Type'] = body.contentType;
          if (route.token) headers['Authorization'] = `Bearer ${route.token}`;
          const res = await fetch(`${server.url}${route.path}`, {
            method: route.method,
            headers,
            // A Blob adds no content type of its own.
            ...(body ? { body: new Blob([body.body]) } : {}),
          });
          answer = `${res.status} ${await res
            .clone()
            .text()
            .then((t) => t.slice(0, 500))}`;
          expect(DOCUMENTED.has(res.status), `status ${res.status}`).toBe(true);
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          const json = (await res.json()) as Record<string, unknown>;
          if (res.status >= 400) expect(typeof json['error']).toBe('string');
          if (route.path === '/api/maps' && res.status === 201) {
            const created = json as unknown as Created;
            await roundTrip(created.id, created.viewToken);
          }
          if (route.path.endsWith('/content') && res.status === 200) await roundTrip(map.id, map.viewToken);
          if (route.path.endsWith('/links/rotate') && res.status === 200) {
            const next = json as { editToken: string; viewToken: string };
            map = { ...map, editToken: next.editToken, viewToken: next.viewToken };
          }
          if (route.method === 'DELETE' && res.status === 200) {
            expect(route.path, 'only the fuzzed map may be deleted').toBe(`/api/maps/${map.id}`);
            expect(json).toEqual({ deleted: true });
            deletions++;
            map = await checkDeleted(gen, map);
          }
          if (n % 50 === 0) editor.doc.getMap('steps').set(`tick-${n}`, n);
        }
        expect(deletions, 'some deletions went through').toBeGreaterThan(0);
        // The server keeps serving: ready, and the honest editor's edits still arrive.
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const watcher = connect(server, honest.id, honest.viewToken, true);
        await synced(watcher);
        await eventually(() =>
          expect(watcher.doc.getMap('steps').toJSON()).toEqual(editor.doc.getMap('steps').toJSON()),
        );
        watcher.destroy();
        expect(drops).toEqual([]);
      } catch (e) {
        console.error(
          `HTTP fuzz failed with FUZZ_HTTP_SEED=${seed}; last request: ${sent?.method} ${sent?.path} ` +
            `${sent?.body ? describeBody(sent.body) : '(no body)'}\nanswer: ${answer}`,
        );
        throw e;
      } finally {
        editor.destroy();
      }
    });
  }
});
