/**
 * Bench: memory of a live room holding a 300-step map, and its release after the last client
 * leaves (default eviction delay). The server runs in a child process with --expose-gc; heap
 * figures are taken after a full GC there.
 * Targets: live room <= 1.5 MB; released within 60 s.
 * Run: node --import tsx bench/server-memory.ts
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { generateMapFile } from './lib/generate.js';
import { printTable } from './lib/report.js';
import { newRoom, startServerProcess } from './lib/server-process.js';

const STEPS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const server = await startServerProcess('ours');
try {
  const file = generateMapFile({ steps: STEPS, partners: 8, seed: 300 });
  const { room, token } = await newRoom(server, file);
  const open = async (id: string, t: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, id, doc, {
      params: { token: t },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    while (!provider.synced) await sleep(10);
    return { doc, provider };
  };
  // A warm-up room first (joined and left), so code and buffers used on first join are in the baseline.
  const warm = await newRoom(server, generateMapFile({ steps: 10, partners: 2, seed: 1 }));
  (await open(warm.room, warm.token)).provider.destroy();
  await sleep(200);
  const baseline = await server.stats(true);

  const { doc, provider } = await open(room, token);
  provider.awareness.setLocalStateField('user', { name: 'Bench' });
  await sleep(200);
  const live = await server.stats(true);

  provider.destroy();
  const left = performance.now();
  let released = Number.NaN;
  let after = live;
  while (performance.now() - left < 65_000) {
    await sleep(1000);
    after = await server.stats(true);
    if (after.rooms <= baseline.rooms - 1) {
      released = (performance.now() - left) / 1000;
      break;
    }
  }
  // What the room holds is what its release gives back: V8 heap plus ArrayBuffers (where the
  // room's update bytes and the sockets' buffers live).
  const held = (s: typeof live) => s.heapUsed + s.arrayBuffers;
  // The target is checked against the larger of that and the growth over the baseline.
  const roomBytes = held(live) - held(after);
  const aboveBaseline = held(live) - held(baseline);
  const worst = Math.max(roomBytes, aboveBaseline);
  console.log(
    `server memory bench: one live room holding a ${STEPS}-step map (${Y.encodeStateAsUpdate(doc).byteLength} bytes as an update)`,
  );
  printTable([
    ['heap + ArrayBuffers before the room loads', mb(held(baseline)), ''],
    ['heap + ArrayBuffers with the room live (1 client)', mb(held(live)), ''],
    ['live room (heap + ArrayBuffers freed by its release)', mb(roomBytes), ''],
    [
      'live room (heap + ArrayBuffers above the baseline)',
      mb(aboveBaseline),
      `target <= 1.5 MB (the larger of the two): ${worst <= 1.5 * 1024 * 1024 ? 'ok' : 'MISSED'}`,
    ],
    [
      'released after the last client left',
      Number.isNaN(released) ? 'not within 65 s' : `${released.toFixed(0)} s`,
      `target <= 60 s: ${released <= 60 ? 'ok' : 'MISSED'}`,
    ],
    ['heap + ArrayBuffers after release', mb(held(after)), `${mb(held(after) - held(baseline))} above the baseline`],
  ]);
} finally {
  await server.stop();
}
process.exit(0);
