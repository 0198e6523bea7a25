import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Client, connect, createMap, eventually, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];
const open = (...args: Parameters<typeof connect>): Client => {
  const c = connect(...args);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

describe('sync between stock y-websocket clients', () => {
  it('[SV-P2] [SV-P3] two editors converge', async () => {
    const map = await createMap(server);
    const a = open(server, map.id, map.editToken);
    const b = open(server, map.id, map.editToken);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('meta').set('title', 'Loonaangifteketen');
    b.doc.getMap('steps').set('s1', 'Loonaangifte opstellen');
    await eventually(() => {
      expect(b.doc.getMap('meta').get('title')).toBe('Loonaangifteketen');
      expect(a.doc.getMap('steps').get('s1')).toBe('Loonaangifte opstellen');
    });
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
  });

  it('[SV-P2] a client joining later receives everything', async () => {
    const map = await createMap(server);
    const a = open(server, map.id, map.editToken);
    await synced(a);
    for (let i = 0; i < 50; i++) a.doc.getMap('steps').set(`s${i}`, i);
    const late = open(server, map.id, map.viewToken, true);
    await synced(late);
    await eventually(() => expect(late.doc.getMap('steps').size).toBe(50));
  });

  it('[SV-P5] [SV-A5] awareness passes between clients', async () => {
    const map = await createMap(server);
    const a = open(server, map.id, map.editToken);
    const b = open(server, map.id, map.viewToken, true);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    b.provider.awareness.setLocalStateField('user', { name: 'Bram' });
    await eventually(() => {
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Anna' } });
      expect(a.provider.awareness.getStates().get(b.doc.clientID)).toEqual({ user: { name: 'Bram' } });
    });
    b.provider.disconnect();
    await eventually(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(false));
  });
});
