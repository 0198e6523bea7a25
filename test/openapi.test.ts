/**
 * `docs/openapi.json` describes the HTTP API as the server has it: every route of the server is
 * documented, and every documented operation is one the server answers (not its "no such route"
 * 404 or a 405). The server's routes come from its route table (`mapRoutes(...).byId` in
 * server/src/http/maps.ts, the paths `router.ts` compares with) and from probing a real server
 * on port 0 with every method on every route found. A failure names each route that is missing.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_PATH } from '@ketenkaart/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mapRoutes, type MapRouteDeps } from '../server/src/http/maps.js';
import { startServer, type RunningServer } from '../server/src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC_FILE = 'docs/openapi.json';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

interface Operation {
  readonly responses?: Record<string, unknown>;
  readonly 'x-websocket'?: boolean;
}
type PathItem = Partial<Record<(typeof METHODS)[number], Operation>>;
const doc = JSON.parse(readFileSync(join(ROOT, DOC_FILE), 'utf8')) as {
  openapi: string;
  paths: Record<string, PathItem>;
};

/** `METHOD /path` of every documented operation. */
const documented = new Set(
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
  ),
);

/** The map routes under `/api/maps/{id}`, from the server's own table (the handlers are only built, not run). */
function mapRouteTable(): string[] {
  const { byId } = mapRoutes({} as unknown as MapRouteDeps);
  return Object.keys(byId).map((key) => {
    const [method, suffix = ''] = key.split(' ');
    return `${method} /api/maps/{id}${suffix === '/' ? '' : suffix}`;
  });
}

/** The paths `router.ts` compares the request's path with (`url.pathname === '/x'`). */
function routerPaths(): string[] {
  const source = readFileSync(join(ROOT, 'server/src/http/router.ts'), 'utf8');
  return [...source.matchAll(/url\.pathname === '([^']+)'/g)].map((m) => m[1]!);
}

let server: RunningServer;
let dataDir: string;
let map: { id: string; editToken: string };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenkaart-openapi-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: dataDir });
  const res = await fetch(`${server.url}/api/maps`, { method: 'POST' });
  map = (await res.json()) as { id: string; editToken: string };
});
afterAll(async () => {
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * Whether the server has a route for `method` on `path` (with `{id}` an existing map): anything
 * but the router's "no such route" 404, a 405, or the static files' 404. A wrong token keeps the
 * probe from changing anything: a route that exists answers 401 (or 400 for a body it reads first).
 */
async function routeExists(method: string, path: string): Promise<boolean> {
  const body = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const res = await fetch(`${server.url}${path.replace('{id}', map.id)}`, {
    method,
    headers: { authorization: 'Bearer not-a-token', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: '{}' } : {}),
  });
  const text = await res.text();
  if (res.status === 405) return false;
  if (res.status === 404 && (text.includes('no such route') || text === 'Not found\n')) return false;
  return true;
}

describe('docs/openapi.json', () => {
  it('is OpenAPI 3.1 whose references all resolve', () => {
    expect(doc.openapi).toBe('3.1.0');
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      if (ref!.startsWith('#/')) {
        const target = ref!
          .slice(2)
          .split('/')
          .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
        expect(target, `${ref} resolves`).toBeDefined();
      } else expect(existsSync(join(ROOT, 'docs', ref!)), `${ref} is a file in docs/`).toBe(true);
    }
    for (const op of documented) {
      const [method, path] = op.split(' ');
      const operation = doc.paths[path!]![method!.toLowerCase() as (typeof METHODS)[number]]!;
      expect(Object.keys(operation.responses ?? {}).length, `${op} lists its responses`).toBeGreaterThan(0);
    }
  });

  it('documents every route of the server', async () => {
    const found = new Set(mapRouteTable());
    found.add('POST /api/maps');
    for (const path of routerPaths()) if (!path.startsWith('/api/')) found.add(`GET ${path}`);
    found.add(`GET ${SYNC_PATH}/{id}`);
    // Routes the table does not name but the server answers (a route added in router.ts itself).
    const paths = new Set([...found, ...documented].map((r) => r.split(' ')[1]!).filter((p) => p.startsWith('/api/')));
    paths.add('/api/maps/{id}');
    for (const path of paths) {
      for (const method of METHODS) {
        if (await routeExists(method.toUpperCase(), path)) found.add(`${method.toUpperCase()} ${path}`);
      }
    }
    const missing = [...found].filter((r) => !documented.has(r)).sort();
    expect(
      missing,
      `routes the server has that ${DOC_FILE} does not document (add each under "paths"):\n  ${missing.join('\n  ')}\n`,
    ).toEqual([]);
  });

  it('documents nothing the server does not answer', async () => {
    const absent: string[] = [];
    for (const op of documented) {
      const [method, path] = op.split(' ') as [string, string];
      if (doc.paths[path]![method.toLowerCase() as (typeof METHODS)[number]]!['x-websocket']) continue;
      if (!(await routeExists(method, path))) absent.push(op);
    }
    expect(absent, `operations in ${DOC_FILE} that the server does not answer:\n  ${absent.join('\n  ')}\n`).toEqual(
      [],
    );
    // A route that does not exist is told apart (the probe can say no).
    expect(await routeExists('GET', '/api/maps/{id}/nothing-here')).toBe(false);
    expect(await routeExists('DELETE', '/api/maps/{id}/links')).toBe(false);
  });

  it('documents the websocket as the GET that upgrades, and the server upgrades it', async () => {
    const op = doc.paths[`${SYNC_PATH}/{id}`]?.get;
    expect(op?.['x-websocket']).toBe(true);
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${map.id}?token=${map.editToken}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.close();
  });
});
