/**
 * Bench: what a stock client hears in 70 s when nothing happens in its map, on our server and on
 * the stock one (rule SV-K2): alone, and with one other idle client. The stock client closes a
 * socket on which it heard nothing for 30 s and renews its awareness every 15-18 s; the stock
 * server echoes that renewal back to its sender, ours answers a quiet connection with a 3-byte
 * keep-alive. Prints the sockets each client opened and the frames and bytes it received after
 * its first sync (websocket payloads; each frame adds 2 bytes of websocket header), keep-alives
 * among them, with a presence state like the editor's.
 * Run: node --import tsx bench/server-keepalive.ts (after pnpm build), ~75 s.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { printTable } from './lib/report.js';
import { newRoom, startServerProcess, type ServerProcess } from './lib/server-process.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 70);

interface Heard {
  sockets: number;
  frames: number;
  bytes: number;
  keepAlives: number;
}

/** One stock client in `room`; `heard` fills from its first sync until `stop`. */
async function idleClient(server: ServerProcess, room: { room: string; token: string }, name: string) {
  const ours = server.name === 'ketenkaart';
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}${ours ? '/sync' : ''}`, room.room, doc, {
    params: ours ? { token: room.token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // What the editor publishes (client/src/session/presence/Presence.ts).
  provider.awareness.setLocalState({
    user: { name, color: '#1f6feb' },
    role: 'editor',
    cursor: null,
    selection: [],
    viewport: { x: -120.5, y: 40.25, zoom: 0.8 },
  });
  const heard: Heard = { sockets: 0, frames: 0, bytes: 0, keepAlives: 0 };
  const count = (data: ArrayBuffer): void => {
    heard.frames++;
    heard.bytes += data.byteLength;
    const bytes = new Uint8Array(data);
    if (bytes.length === 3 && bytes[0] === 1 && bytes[1] === 1 && bytes[2] === 0) heard.keepAlives++;
  };
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    heard.sockets++;
    if (heard.sockets > 1) (provider.ws as unknown as WebSocket).on('message', count);
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  (provider.ws as unknown as WebSocket).on('message', count);
  return {
    heard,
    stop: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** `clients` idle stock clients in one room of `server` for SECONDS; what the first one heard. */
async function idleRoom(server: ServerProcess, clients: number): Promise<Heard> {
  const room = await newRoom(server);
  const all = await Promise.all(Array.from({ length: clients }, (_, i) => idleClient(server, room, `Gebruiker ${i}`)));
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  for (const c of all) c.stop();
  return all[0]!.heard;
}

console.log(`stock clients in an idle map for ${SECONDS} s (loopback; each server in its own child process)`);
const servers = await Promise.all([startServerProcess('ours'), startServerProcess('stock')]);
try {
  const [oursAlone, stockAlone, oursPair, stockPair] = await Promise.all([
    idleRoom(servers[0], 1),
    idleRoom(servers[1], 1),
    idleRoom(servers[0], 2),
    idleRoom(servers[1], 2),
  ]);
  const perMinute = (h: Heard) => ((h.bytes / SECONDS) * 60).toFixed(0);
  for (const [title, ours, stock] of [
    ['alone in the map', oursAlone, stockAlone],
    ['with one other idle client (what the first one heard)', oursPair, stockPair],
  ] as const) {
    console.log(`\n${title}`);
    printTable([
      ['', 'ketenkaart', 'y-websocket@2'],
      ['sockets opened', String(ours.sockets), String(stock.sockets)],
      ['frames received after sync', String(ours.frames), String(stock.frames)],
      ['  of which keep-alives', String(ours.keepAlives), String(stock.keepAlives)],
      ['bytes received after sync', String(ours.bytes), String(stock.bytes)],
      ['bytes per minute', perMinute(ours), perMinute(stock)],
    ]);
  }
  const ok = oursAlone.sockets === 1 && oursPair.sockets === 1;
  console.log(`\n  target: one socket on ours -> ${ok ? 'ok' : 'MISSED'}`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
process.exit(0);
