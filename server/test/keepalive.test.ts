import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { awarenessFrame, parseFrame, syncFrame } from './frames.js';
import { connect, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';

// Each stock provider adds a process 'exit' listener.
process.setMaxListeners(100);

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  await server.stop();
});

/** The 3-byte keep-alive: an Awareness frame holding an empty awareness update. */
const KEEPALIVE = [1, 1, 0];

describe('a quiet connection hears enough to keep its socket', () => {
  it('[SV-K2] a lone stock WebsocketProvider keeps one socket for 70 s; it is sent only 3-byte keep-alives', async () => {
    const map = await createMap(server);
    const client = connect(server, map.id, map.editToken);
    const statuses: string[] = [];
    client.provider.on('status', ({ status }) => statuses.push(status));
    await synced(client);
    const socket = client.provider.ws as unknown as WebSocket;
    const received: number[][] = [];
    // The provider asks for ArrayBuffers (binaryType 'arraybuffer').
    socket.on('message', (data: ArrayBuffer) => received.push([...new Uint8Array(data)]));

    // The stock client closes a socket that heard nothing for 30 s (and renews its own awareness
    // every 15 s); 70 s is two such windows and more.
    await new Promise((resolve) => setTimeout(resolve, 70_000));

    expect(statuses, 'socket status changes after the first connect').toEqual(['connected']);
    expect((client.provider.ws as unknown) === socket, 'still the first socket').toBe(true);
    expect(client.provider.wsconnected).toBe(true);
    // All it heard in those 70 s: a keep-alive answering each of its awareness renewals.
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received.length).toBeLessThanOrEqual(5);
    for (const frame of received) expect(frame).toEqual(KEEPALIVE);
    client.destroy();
  }, 120_000);

  it('[SV-K2] a connection that was just sent something gets no keep-alive', async () => {
    const map = await createMap(server);
    const s = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await s.opened;
    await eventually(() => expect(s.messages.length).toBeGreaterThan(0)); // the greeting
    s.ws.send(awarenessFrame([[7, 1, { name: 'Anna' }]]));
    // The answer to a SyncStep1 comes after anything the awareness frame caused.
    s.ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
    await eventually(() => expect(s.messages.some((m) => parseFrame(m).sub === 1)).toBe(true));
    expect(s.messages.filter((m) => [...m].join() === KEEPALIVE.join())).toEqual([]);
    s.ws.close();
  });
});
