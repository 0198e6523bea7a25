/**
 * Bench: join time (connect to synced) of a stock y-websocket client on a 1,000-step map:
 * cold (the room is loaded from SQLite first) and warm (the room is in memory), median of runs.
 * The stock y-websocket v2 server's warm join is printed beside ours.
 * Target: <= 150 ms.
 * Run: node --import tsx bench/server-join.ts
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { importJson } from '@ketenkaart/shared';
import { generateMapFile } from './lib/generate.js';
import { median, printTable } from './lib/report.js';
import { newRoom, startServerProcess, type ServerProcess } from './lib/server-process.js';

const STEPS = 1_000;
const RUNS = 9;
const file = generateMapFile({ steps: STEPS, partners: 12, seed: 1000 });

async function join(server: ServerProcess, room: string, token: string): Promise<{ ms: number; doc: Y.Doc }> {
  const doc = new Y.Doc();
  const start = performance.now();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const ms = performance.now() - start;
  provider.destroy();
  return { ms, doc };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const results: string[][] = [['', 'median', 'min', 'max']];
const row = (name: string, xs: number[]) =>
  results.push([
    name,
    `${median(xs).toFixed(1)} ms`,
    `${Math.min(...xs).toFixed(1)} ms`,
    `${Math.max(...xs).toFixed(1)} ms`,
  ]);

const ours = await startServerProcess('ours', { KETENKAART_EVICT_AFTER_MS: '300' });
let bytes = 0;
try {
  const cold: number[] = [];
  const warm: number[] = [];
  const room = await newRoom(ours, file);
  for (let i = 0; i < RUNS; i++) {
    while ((await ours.stats()).rooms > 0) await sleep(100); // evicted: the next join loads from SQLite
    const first = await join(ours, room.room, room.token);
    cold.push(first.ms);
    bytes = Y.encodeStateAsUpdate(first.doc).byteLength;
    warm.push((await join(ours, room.room, room.token)).ms);
  }
  row('ketenkaart, cold (load from SQLite)', cold);
  row('ketenkaart, warm', warm);
} finally {
  await ours.stop();
}

const stock = await startServerProcess('stock');
try {
  // The stock server has no storage: a first client brings the map, then others join warm.
  const seed = new Y.Doc();
  importJson(seed, JSON.stringify(file));
  const room = await newRoom(stock);
  const provider = new WebsocketProvider(`${stock.url.replace(/^http/, 'ws')}/sync`, room.room, seed, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  await sleep(500);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await join(stock, room.room, '')).ms);
  provider.destroy();
  row('y-websocket@2, warm', warm);
} finally {
  await stock.stop();
}

console.log(`server join bench: ${STEPS}-step map (${(bytes / 1024).toFixed(0)} KB as an update), ${RUNS} runs`);
printTable(results);
console.log('  target: <= 150 ms');
process.exit(0);
