/** Shared test helpers: a real server on port 0, real y-websocket clients, raw sockets. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SYNC_PATH } from '@ketenkaart/shared';
import { startServer, type RunningServer, type Storage } from '../src/index.js';
import type { ServerConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

/**
 * Every log line of every server this test file started through `testServer` (level debug), and
 * every token `createMap` saw: `log-check.ts` fails the file should a token appear in a line (SV-O6).
 */
export const serverLogLines: string[] = [];
export const seenTokens = new Set<string>();

/** What `POST /api/maps` answers. */
export interface Created {
  id: string;
  editToken: string;
  viewToken: string;
  editUrl: string;
  viewUrl: string;
}

/** A map record with fixed token hashes, for storage tests. */
export const mapRecord = (id: string) => ({
  id,
  editTokenHash: 'e'.repeat(64),
  viewTokenHash: 'v'.repeat(64),
  createdAt: 1,
});

/** Appends one update to map `id` through `appendUpdates` (a group commit of one); resolves with its seq. */
export async function appendOne(storage: Storage, id: string, update: Uint8Array): Promise<number> {
  const [seq] = await storage.appendUpdates([{ id, update }]);
  return seq!;
}

/** A fresh Y.Doc with `updates` applied in order. */
export function docOf(...updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

/** A temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-server-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a server on 127.0.0.1:0 with SQLite in a temp dir unless `storage` is given. */
export async function testServer(
  options: Partial<ServerConfig> = {},
): Promise<RunningServer & { dataDir: string; stop: () => Promise<void>; logs: () => string[] }> {
  const tmp = tempDir();
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write: (line: string) => {
        lines.push(line);
        serverLogLines.push(line);
      },
    },
  });
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: tmp.dir, logger, ...options });
  return {
    ...server,
    dataDir: tmp.dir,
    logs: () => [...lines],
    stop: async () => {
      await server.close();
      tmp.remove();
    },
  };
}

/** Creates a map over HTTP. */
export async function createMap(server: { url: string }, body?: unknown): Promise<Created> {
  const res = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as Created;
  seenTokens.add(created.editToken).add(created.viewToken);
  return created;
}

/** A stock y-websocket 3 client in Node. */
export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy: () => void;
}

/**
 * Connects a stock `WebsocketProvider`. Every test client opens with `disableBc: true`
 * (as viewers must): clients in one Node process would otherwise sync over a
 * BroadcastChannel and hide what the server does.
 */
export function connect(
  server: { url: string },
  id: string,
  token: string,
  _viewer = false,
  maxBackoffTime = 2_500,
): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}${SYNC_PATH}`, id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the client has synced with the server. */
export async function synced(client: Client, timeout = 15_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!client.provider.synced) throw new Error('not synced yet');
    },
    { timeout, interval: 10 },
  );
}

/** A raw websocket that records what it receives and how it closed. */
export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
}

/** Opens a raw websocket to `path` (e.g. `/sync/<id>?token=...`). */
export function rawSocket(server: { url: string }, pathAndQuery: string): RawSocket {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${pathAndQuery}`);
  const messages: Uint8Array[] = [];
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => {});
  return { ws, messages, closed, opened };
}

/** Reads a map's JSON export over HTTP. */
export async function exportMap(server: { url: string }, id: string, token: string): Promise<unknown> {
  const res = await fetch(`${server.url}/api/maps/${id}/export.json`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`export failed: ${res.status}`);
  return res.json();
}

/** A port that was free a moment ago (for a child server that must keep its port across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `vi.waitFor` with a timeout that survives a busy 2-core machine (15 s unless given):
 * tests poll for an outcome and never sleep-and-hope.
 */
export function eventually<T>(
  check: () => T | Promise<T>,
  options: { timeout?: number; interval?: number } = {},
): Promise<T> {
  return vi.waitFor(check, { timeout: 15_000, interval: 20, ...options });
}
