import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { awarenessFrame, greetingStateVector, parseFrame, setUpdate, syncFrame } from './frames.js';
import { type Client, connect, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

async function serverStateVector(id: string, token: string): Promise<Map<number, number>> {
  const s = rawSocket(server, `/sync/${id}?token=${token}`);
  await eventually(() => expect(greetingStateVector(s.messages)).toBeDefined());
  s.ws.close();
  return greetingStateVector(s.messages)!;
}

describe('read-only links', () => {
  it('[SV-R1] [SV-R2] [SV-R3] a viewer makes 1,000 write attempts: nothing changes, honest clients are unaffected', async () => {
    const map = await createMap(server);
    const editor = connect(server, map.id, map.editToken);
    const viewer = connect(server, map.id, map.viewToken, true);
    clients.push(editor, viewer);
    await Promise.all([synced(editor), synced(viewer)]);
    editor.doc.getMap('steps').set('s0', 'Loonaangifte opstellen');
    editor.doc.getMap('steps').set('gone', 'x');
    editor.doc.getMap('steps').delete('gone');
    await eventually(() => expect(viewer.doc.getMap('steps').get('s0')).toBe('Loonaangifte opstellen'));
    const before = await serverStateVector(map.id, map.viewToken);
    const editorUpdates: Uint8Array[] = [];
    editor.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === editor.provider) editorUpdates.push(u);
    });

    // Every kind of write a viewer could try, 30 per socket; each socket is closed after repeated tries.
    const attackerId = 424242;
    const deleteExisting = (() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(editor.doc));
      let u: Uint8Array = new Uint8Array();
      d.on('update', (x: Uint8Array) => (u = x));
      d.getMap('steps').delete('s0');
      return u;
    })();
    const kinds = [
      () => syncFrame(1, setUpdate(attackerId, 'steps', 'evil', 1)),
      () => syncFrame(2, setUpdate(attackerId, 'meta', 'title', 'hacked')),
      () => syncFrame(2, deleteExisting),
      () => syncFrame(1, deleteExisting),
    ];
    let attempts = 0;
    let forbiddenCloses = 0;
    let denials = 0;
    while (attempts < 1000) {
      const s = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
      await s.opened;
      // Awareness for another client id and reads are not writes; they are dropped or answered.
      s.ws.send(awarenessFrame([[attackerId, 1, { user: 'me' }]]));
      s.ws.send(awarenessFrame([[editor.doc.clientID, 99, { user: 'spoofed' }]]));
      s.ws.send(syncFrame(0, new Uint8Array([0])));
      for (let i = 0; i < 30; i++, attempts++) s.ws.send(kinds[attempts % kinds.length]!());
      const { code } = await s.closed.catch(() => ({ code: 0 }));
      if (code === CLOSE_CODES.forbidden) forbiddenCloses++;
      denials += s.messages.filter((m) => parseFrame(m).type === 2).length;
    }
    expect(attempts).toBeGreaterThanOrEqual(1000);
    expect(forbiddenCloses).toBeGreaterThan(0);
    expect(denials).toBeGreaterThan(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ketenkaart_rejected_writes_total\{reason="viewer"\} \d{3,}/);

    // The honest viewer still receives live updates and was never disconnected.
    editor.doc.getMap('steps').set('s1', 'Aangifte controleren');
    await eventually(() => expect(viewer.doc.getMap('steps').get('s1')).toBe('Aangifte controleren'));
    expect(viewer.provider.wsconnected).toBe(true);
    expect(viewer.provider.wsUnsuccessfulReconnects).toBe(0);

    // A socket cannot claim the editor's awareness id as its own, even as its first message.
    editor.provider.awareness.setLocalStateField('user', { name: 'Echte redacteur' });
    const real = { user: { name: 'Echte redacteur' } };
    await eventually(() => expect(viewer.provider.awareness.getStates().get(editor.doc.clientID)).toEqual(real));
    const spoofer = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await spoofer.opened;
    spoofer.ws.send(awarenessFrame([[editor.doc.clientID, 10_000, { user: { name: 'spoofed' } }]]));
    spoofer.ws.send(syncFrame(0, new Uint8Array([0])));
    await eventually(() => expect(spoofer.messages.some((m) => parseFrame(m).sub === 1)).toBe(true));
    // A later message to the viewer arrives after any relay of the spoof would have.
    editor.doc.getMap('steps').set('marker', true);
    await eventually(() => expect(viewer.doc.getMap('steps').get('marker')).toBe(true));
    expect(viewer.provider.awareness.getStates().get(editor.doc.clientID)).toEqual(real);
    spoofer.ws.close();

    // Nothing from the viewer reached the server's doc or the editor.
    const after = await serverStateVector(map.id, map.editToken);
    expect(after.has(attackerId)).toBe(false);
    expect(after.get(editor.doc.clientID)).toBe((before.get(editor.doc.clientID) ?? 0) + 2); // s1 and marker
    expect(editor.doc.getMap('steps').has('evil')).toBe(false);
    expect(editor.doc.getMap('steps').get('s0')).toBe('Loonaangifte opstellen');
    expect(editor.doc.getMap('meta').get('title')).toBeUndefined();
    expect(editor.provider.awareness.getStates().get(editor.doc.clientID)).not.toEqual({ user: 'spoofed' });
    for (const u of editorUpdates) {
      for (const s of Y.decodeUpdate(u).structs) expect(s.id.client).not.toBe(attackerId);
    }
  });

  it('[SV-R2] a stock viewer that edits locally changes nothing on the server', async () => {
    const map = await createMap(server);
    const editor = connect(server, map.id, map.editToken);
    const viewer = connect(server, map.id, map.viewToken, true);
    clients.push(editor, viewer);
    await Promise.all([synced(editor), synced(viewer)]);
    const denied = vi.spyOn(console, 'warn').mockImplementation(() => {});
    viewer.doc.getMap('steps').set('local', 'not allowed');
    await eventually(() => expect(denied).toHaveBeenCalledWith(expect.stringContaining('Permission denied')));
    denied.mockRestore();
    const sv = await serverStateVector(map.id, map.editToken);
    expect(sv.has(viewer.doc.clientID)).toBe(false);
    expect(editor.doc.getMap('steps').has('local')).toBe(false);
  });

  it('[SV-R1] a viewer reconnecting with everything already known is accepted quietly', async () => {
    const map = await createMap(server);
    const editor = connect(server, map.id, map.editToken);
    clients.push(editor);
    await synced(editor);
    editor.doc.getMap('steps').set('a', 1);
    editor.doc.getMap('steps').delete('a');
    const viewer = connect(server, map.id, map.viewToken, true);
    clients.push(viewer);
    await synced(viewer);
    for (let i = 0; i < 5; i++) {
      viewer.provider.disconnect();
      viewer.provider.connect();
      await synced(viewer);
    }
    const s = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await s.opened;
    // The full state (structs and delete set) of what the server has: adds nothing.
    for (let i = 0; i < 50; i++) s.ws.send(syncFrame(1, Y.encodeStateAsUpdate(viewer.doc)));
    s.ws.send(syncFrame(0, new Uint8Array([0])));
    await eventually(() => expect(s.messages.some((m) => parseFrame(m).sub === 1)).toBe(true));
    expect(s.messages.filter((m) => parseFrame(m).type === 2)).toHaveLength(0);
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    s.ws.close();
  });
});
