/**
 * Bench: what a stock client alone in a map hears in 70 s, on our server and on the stock one
 * (rule SV-K2). The stock client closes a socket on which it heard nothing for 30 s and renews
 * its awareness every 15-18 s; the stock server echoes that renewal back to its sender, ours
 * answers a quiet connection with a 3-byte keep-alive. Prints the sockets each client opened and
 * the frames and bytes it received after its first sync (websocket payloads; each frame adds 2
 * bytes of websocket header), with a presence state like the editor's.
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
}

/** A lone stock client on `server` for SECONDS; what it heard after its first sync. */
async function alone(server: ServerProcess): Promise<Heard> {
  const { room, token } = await newRoom(server);
  const ours = server.name === 'ketenkaart';
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}${ours ? '/sync' : ''}`, room, doc, {
    params: ours ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // What the editor publishes (client/src/session/presence/Presence.ts).
  provider.awareness.setLocalState({
    user: { name: 'Anna de Vries', color: '#1f6feb' },
    role: 'editor',
    cursor: null,
    selection: [],
    viewport: { x: -120.5, y: 40.25, zoom: 0.8 },
  });
  const heard: Heard = { sockets: 0, frames: 0, bytes: 0 };
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') heard.sockets++;
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const count = (data: ArrayBuffer): void => {
    heard.frames++;
    heard.bytes += data.byteLength;
  };
  let socket = provider.ws as unknown as WebSocket;
  socket.on('message', count);
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    socket = provider.ws as unknown as WebSocket;
    socket.on('message', count);
  });
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  provider.destroy();
  doc.destroy();
  return heard;
}

console.log(`a stock client alone in a map for ${SECONDS} s (loopback; each server in its own child process)`);
const servers = await Promise.all([startServerProcess('ours'), startServerProcess('stock')]);
try {
  const [ours, stock] = await Promise.all(servers.map((s) => alone(s)));
  printTable([
    ['', 'ketenkaart', 'y-websocket@2'],
    ['sockets opened', String(ours!.sockets), String(stock!.sockets)],
    ['frames received after sync', String(ours!.frames), String(stock!.frames)],
    ['bytes received after sync', String(ours!.bytes), String(stock!.bytes)],
    ['bytes per minute', ((ours!.bytes / SECONDS) * 60).toFixed(0), ((stock!.bytes / SECONDS) * 60).toFixed(0)],
  ]);
  console.log(`  target: one socket on ours -> ${ours!.sockets === 1 ? 'ok' : 'MISSED'}`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
process.exit(0);
