import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Open websocket connections, as the server's metrics count them. */
async function openConnections(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return [...text.matchAll(/^ketenkaart_connections\{role="\w+"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('presence ids', () => {
  it("[SV-A9] a viewer cannot take over an editor's presence id while her socket blips; she stays present", async () => {
    const map = await createMap(server);
    const alice = connect(server, map.id, map.editToken);
    const bob = connect(server, map.id, map.viewToken, true);
    await Promise.all([synced(alice), synced(bob)]);
    const aliceId = alice.doc.clientID;
    const seen: { state: unknown; removed: boolean }[] = [];
    bob.provider.awareness.on('change', ({ added, updated, removed }: Record<string, number[]>) => {
      if ([...added!, ...updated!].includes(aliceId)) {
        seen.push({ state: bob.provider.awareness.getStates().get(aliceId), removed: false });
      }
      if (removed!.includes(aliceId)) seen.push({ state: null, removed: true });
    });
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await eventually(() =>
      expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice' } }),
    );

    // Alice's socket drops; the server removes her presence (SV-A7).
    alice.provider.disconnect();
    await eventually(() => expect(bob.provider.awareness.getStates().has(aliceId)).toBe(false));

    // A viewer publishes Alice's id before she is back.
    const mallory = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await mallory.opened;
    const clock = alice.provider.awareness.meta.get(aliceId)!.clock;
    mallory.ws.send(awarenessFrame([[aliceId, clock + 10, { user: { name: 'Mallory' } }]]));

    // Alice is back (same role): she reclaims her id.
    alice.provider.connect();
    await synced(alice);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', back: true });
    await eventually(() =>
      expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice', back: true } }),
    );

    // The viewer leaves; Alice stays present.
    mallory.ws.close();
    await mallory.closed;
    await eventually(async () => expect(await openConnections()).toBe(2));
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', still: true });
    await eventually(() =>
      expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice', still: true } }),
    );
    expect(seen.map((s) => s.state)).not.toContainEqual({ user: { name: 'Mallory' } });
    // Removed once: when her socket dropped, never after she was back.
    expect(seen.filter((s) => s.removed)).toHaveLength(1);
    expect(seen.at(-1)).toEqual({ state: { user: { name: 'Alice', still: true } }, removed: false });
    alice.destroy();
    bob.destroy();
  });

  it('[SV-A10] QueryAwareness is answered at most once a second per connection; the rest are ignored', async () => {
    const map = await createMap(server);
    const editor = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await editor.opened;
    editor.ws.send(awarenessFrame([[5, 1, { name: 'x'.repeat(1000) }]]));
    const asker = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await asker.opened;
    const awarenessFrames = () => asker.messages.filter((m) => parseFrame(m).type === 1).length;
    await eventually(() => expect(awarenessFrames()).toBe(1)); // the greeting's
    const syncReplies = () => asker.messages.filter((m) => parseFrame(m).sub === 1).length;

    // 50 queries in a burst (well within the message rate), then a sync point.
    for (let i = 0; i < 50; i++) asker.ws.send(new Uint8Array([3]));
    asker.ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
    await eventually(() => expect(syncReplies()).toBe(1));
    expect(awarenessFrames()).toBe(2);

    // A second later, a query is answered again.
    await eventually(
      () => {
        asker.ws.send(new Uint8Array([3]));
        expect(awarenessFrames()).toBe(3);
      },
      { interval: 250 },
    );
    expect(asker.ws.readyState).toBe(asker.ws.OPEN);
    asker.ws.close();
    editor.ws.close();
  });
});
