import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { ConnectionRateLimiter, MessageRateLimiter, MinInterval } from '../src/socket/limits.js';
import { awarenessFrame, syncFrame } from './frames.js';
import { connect, type Created, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
let map: Created;

beforeAll(async () => {
  server = await testServer({
    maxFrameBytes: 64 * 1024,
    maxDocumentBytes: 256 * 1024,
    maxMessagesPerSecond: 50,
    maxConnectionsPerRoom: 3,
    maxAwarenessBytes: 1024,
  });
  map = await createMap(server);
});
afterAll(async () => {
  await server.stop();
});

async function openEditor(id = map.id, token = map.editToken) {
  const s = rawSocket(server, `/sync/${id}?token=${token}`);
  await s.opened;
  return s;
}

function bigUpdate(bytes: number, key = 'big'): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('steps').set(key, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

describe('limits', () => {
  it('[SV-L1] a frame over the frame limit closes with 4413', async () => {
    const s = await openEditor();
    s.ws.send(syncFrame(2, bigUpdate(70 * 1024)));
    expect((await s.closed).code).toBe(CLOSE_CODES.frameTooLarge);
  });

  it('[SV-L2] an update that grows the document past its limit closes with 4414 and is not stored', async () => {
    const fresh = await createMap(server);
    const s = await openEditor(fresh.id, fresh.editToken);
    for (let i = 0; i < 10; i++) s.ws.send(syncFrame(2, bigUpdate(40 * 1024, `big${i}`)));
    expect((await s.closed).code).toBe(CLOSE_CODES.documentTooLarge);
    const res = await fetch(`${server.url}/api/maps/${fresh.id}/export.json?token=${fresh.viewToken}`);
    expect(res.status).toBe(200);
    const observer = connect(server, fresh.id, fresh.viewToken, true);
    await synced(observer);
    const stored = observer.doc.getMap('steps').size;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(7);
    observer.destroy();
  });

  it('[SV-L3] more messages per second than allowed close with 4429', async () => {
    const s = await openEditor();
    for (let i = 0; i < 500; i++) s.ws.send(syncFrame(0, new Uint8Array([0])));
    expect((await s.closed).code).toBe(CLOSE_CODES.rateLimited);
  });

  it('[SV-L4] one connection more than the room limit closes with 4430', async () => {
    const fresh = await createMap(server);
    const clients = [0, 1, 2].map(() => connect(server, fresh.id, fresh.editToken));
    await Promise.all(clients.map((c) => synced(c)));
    const extra = rawSocket(server, `/sync/${fresh.id}?token=${fresh.editToken}`);
    expect((await extra.closed).code).toBe(CLOSE_CODES.roomFull);
    for (const c of clients) c.destroy();
  });

  it('[SV-L6] an awareness state over the limit closes with 4432', async () => {
    const s = await openEditor();
    s.ws.send(awarenessFrame([[7, 1, { name: 'x'.repeat(2000) }]]));
    expect((await s.closed).code).toBe(CLOSE_CODES.awarenessTooLarge);
  });

  it('[SV-L8] a text frame closes with 4400', async () => {
    const s = await openEditor();
    s.ws.send('hello');
    expect((await s.closed).code).toBe(CLOSE_CODES.badMessage);
  });

  it('[SV-L5] connections per address per minute are limited (4431)', async () => {
    const own = await testServer({ maxConnectionsPerIpPerMinute: 3 });
    const m = await createMap(own);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const s = rawSocket(own, `/sync/${m.id}?token=wrong`);
      codes.push((await s.closed).code);
    }
    expect(codes).toEqual([4401, 4401, 4401, CLOSE_CODES.tooManyConnections]);
    await own.stop();
  });

  it('[SV-L3] [SV-L5] the limiters refill with time', () => {
    let now = 0;
    const messages = new MessageRateLimiter(10, () => now);
    let taken = 0;
    while (messages.take()) taken++;
    expect(taken).toBe(20);
    now += 100;
    expect(messages.take()).toBe(true);
    expect(messages.take()).toBe(false);
    const conns = new ConnectionRateLimiter(2, () => now);
    expect([conns.attempt('a'), conns.attempt('a'), conns.attempt('a'), conns.attempt('b')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    now += 60_001;
    expect(conns.attempt('a')).toBe(true);
  });

  it('[SV-A10] at most one QueryAwareness answer per second', () => {
    let now = 5_000;
    const answers = new MinInterval(1_000, () => now);
    expect([answers.take(), answers.take()]).toEqual([true, false]);
    now += 999;
    expect(answers.take()).toBe(false);
    now += 1;
    expect([answers.take(), answers.take()]).toEqual([true, false]);
  });
});

describe('slow readers', () => {
  it('[SV-L7] a reader whose send buffer grows past the limit is closed with 4008; others are unaffected', async () => {
    // Room for 16 of the writer's frames: a reader that keeps reading stays far below it, also
    // when a commit's broadcasts leave in one burst on a loaded machine.
    const own = await testServer({
      maxBufferedBytes: 4 * 1024 * 1024,
      maxMessagesPerSecond: 10_000,
      maxDocumentBytes: 1024 * 1024 * 1024,
    });
    const m = await createMap(own);
    const honest = connect(own, m.id, m.viewToken, true);
    await synced(honest);
    const slow = rawSocket(own, `/sync/${m.id}?token=${m.viewToken}`);
    await slow.opened;
    // Stop reading: the server's send buffer for this socket fills up.
    (slow.ws as unknown as { _socket: { pause: () => void } })._socket.pause();
    const writer = rawSocket(own, `/sync/${m.id}?token=${m.editToken}`);
    await writer.opened;
    let i = 0;
    const timer = setInterval(() => writer.ws.send(syncFrame(2, bigUpdate(256 * 1024, `k${i++}`))), 10);
    try {
      await eventually(
        async () => {
          const res = await fetch(`${own.url}/metrics`);
          expect(await res.text()).toMatch(/ketenkaart_closes_total\{code="4008"\} 1/);
        },
        { timeout: 20_000, interval: 50 },
      );
    } finally {
      clearInterval(timer);
    }
    await eventually(() => expect(honest.doc.getMap('steps').size).toBe(i), { timeout: 20_000 });
    expect(honest.provider.wsconnected).toBe(true);
    slow.ws.terminate();
    writer.ws.close();
    honest.destroy();
    await own.stop();
  });
});
