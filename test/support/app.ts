/**
 * The real app for browser tests: the server from source, serving the built client,
 * on port 0 with a throwaway data directory. It can be stopped and started again on
 * the same port and data directory, which is how the offline test cuts the network.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MapFile } from '@ketenkaart/shared';
import { startServer } from '../../server/src/index.js';
import { createLogger } from '../../server/src/logger.js';

/** 43 characters of base64url: the shape of every edit and view token (server rule SV-O6). */
const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;

/** The Vite build of the client that the server serves. */
export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** Fails with a message that says what to do when the client has not been built. */
export function assertClientBuilt(): void {
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
    throw new Error(
      `Browser tests need the built client, but ${join(CLIENT_DIST, 'index.html')} is missing. ` +
        'Run `pnpm build` (or `pnpm --filter @ketenkaart/client build`) first; `pnpm suite` does it for you.',
    );
  }
}

/** What `POST /api/maps` answers. */
export interface CreatedMap {
  readonly id: string;
  readonly editToken: string;
  readonly viewToken: string;
  readonly editUrl: string;
  readonly viewUrl: string;
}

export interface App {
  /** `http://127.0.0.1:PORT`, stable across `stop()`/`start()`. */
  readonly url: string;
  /** The server's `BASE_PATH` (`''` at the root, else like `/ketenkaart`). */
  readonly basePath: string;
  readonly dataDir: string;
  /** Stops the server (open sockets are dropped); the data directory stays. */
  stop(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops the server and removes the data directory; throws if the server logged a token (SV-O6). */
  close(): Promise<void>;
  /** Creates a map through the HTTP API, optionally from a JSON v1 document. */
  createMap(content?: MapFile): Promise<CreatedMap>;
  /** The map as the server has stored it (`GET /api/maps/:id/export.json`). */
  exportMap(id: string, token: string): Promise<MapFile>;
  /** An absolute URL for an app path on this server (under its base path); an absolute URL as it is. */
  href(path: string): string;
}

export interface AppOptions {
  /** Serve under this sub-path (the server's `BASE_PATH`, rule SV-B1). */
  readonly basePath?: string;
  /** Serve this copy of the built client instead of `client/dist` (a test that deploys a new version). */
  readonly staticDir?: string;
}

/** Starts the server on port 0 with a fresh data directory, serving `client/dist`. */
export async function startApp(options: AppOptions = {}): Promise<App> {
  assertClientBuilt();
  const basePath = options.basePath ?? '';
  const staticDir = options.staticDir ?? CLIENT_DIST;
  const dataDir = await mkdtemp(join(tmpdir(), 'ketenkaart-e2e-'));
  // Every line the server logs while the browser drives it; `close` fails on a token in one (SV-O6).
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  let server: Awaited<ReturnType<typeof startServer>> | undefined = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir,
    basePath,
    logger,
  });
  const port = server.port;
  const url = `http://127.0.0.1:${port}`;
  const api = `${url}${basePath}/api/maps`;

  const app: App = {
    url,
    basePath,
    dataDir,
    async stop() {
      const s = server;
      server = undefined;
      await s?.close();
    },
    async start() {
      if (server) return;
      server = await startServer({ port, host: '127.0.0.1', dataDir, staticDir, basePath, logger });
    },
    async close() {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
      const leaks = lines.filter((line) => TOKEN_SHAPE.test(line));
      if (leaks.length > 0) throw new Error(`${leaks.length} server log lines hold a token, e.g. ${leaks[0]}`);
    },
    async createMap(content) {
      const res = await fetch(api, {
        method: 'POST',
        headers: content ? { 'content-type': 'application/json' } : {},
        ...(content ? { body: JSON.stringify(content) } : {}),
      });
      if (res.status !== 201) throw new Error(`POST /api/maps answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as CreatedMap;
    },
    async exportMap(id, token) {
      const res = await fetch(`${api}/${id}/export.json`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET export.json answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as MapFile;
    },
    href(path) {
      return /^https?:/.test(path) ? path : new URL(basePath + path, url).href;
    },
  };
  return app;
}
