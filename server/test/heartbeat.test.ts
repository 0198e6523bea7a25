import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/index.js';
import { connect, createMap, eventually, synced, testServer } from './helpers.js';

const HEARTBEAT_MS = 200;

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer({ heartbeatMs: HEARTBEAT_MS, evictAfterMs: 50 });
});
afterAll(async () => {
  await server.stop();
});

/** Open websocket connections, as the server's metrics count them. */
async function openConnections(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return [...text.matchAll(/^ketenkaart_connections\{role="\w+"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

/**
 * A half-open client: a plain TCP socket that completes the websocket upgrade and then never
 * reads or writes again (its peer vanished, the way a laptop lid closes). Resolves once the
 * server has answered 101.
 */
function halfOpenSocket(pathAndQuery: string): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: hostname, port: Number(port) }, () => {
      socket.write(
        `GET ${pathAndQuery} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('error', () => {});
    socket.once('data', (head: Buffer) => {
      socket.pause(); // from now on nothing is read, so no pong is ever sent
      if (head.toString('latin1').startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.toString('latin1').split('\r\n')[0]}`));
    });
  });
}

describe('heartbeat', () => {
  it('[SV-K1] a socket that never answers a ping is terminated and its room released', async () => {
    const map = await createMap(server);
    const socket = await halfOpenSocket(`/sync/${map.id}?token=${map.editToken}`);
    // Joined: it holds the room.
    await eventually(async () => {
      expect(server.roomCount()).toBe(1);
      expect(await openConnections()).toBe(1);
    });
    // Within two heartbeats it is gone, and the room it held is released as usual (SV-S6).
    await eventually(async () => {
      expect(await openConnections()).toBe(0);
      expect(server.roomCount()).toBe(0);
    });
    socket.destroy();
  });

  it('[SV-K1] a client that answers pings keeps its socket through many heartbeats', async () => {
    const map = await createMap(server);
    const client = connect(server, map.id, map.editToken);
    await synced(client);
    const socket = client.provider.ws;
    let closes = 0;
    client.provider.on('connection-close', () => closes++);
    // Ten heartbeats, counted by the pings this client answered.
    let pings = 0;
    (socket as unknown as WebSocket).on('ping', () => pings++);
    await eventually(() => expect(pings).toBeGreaterThanOrEqual(10), { timeout: 30_000 });
    expect(closes).toBe(0);
    expect(client.provider.ws).toBe(socket);
    expect(client.provider.wsconnected).toBe(true);
    client.destroy();
  });

  it('[SV-K1] the heartbeat is at most 60 s', async () => {
    await expect(startServer({ port: 0, host: '127.0.0.1', heartbeatMs: 60_001 })).rejects.toThrow(/60/);
    await expect(startServer({ port: 0, host: '127.0.0.1', heartbeatMs: 0 })).rejects.toThrow(/60/);
  });
});
