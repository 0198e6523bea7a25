import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { MemoryStorage } from '../src/index.js';
import type { Append } from '../src/storage/types.js';
import { connect, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';
import { syncFrame } from './frames.js';

/** Memory storage whose calls can be made to fail. */
class FlakyStorage extends MemoryStorage {
  failLoad = false;
  failAppend = false;
  override loadDocument(id: string) {
    return this.failLoad ? Promise.reject(new Error('disk on fire')) : super.loadDocument(id);
  }
  override appendUpdates(appends: readonly Append[]) {
    return this.failAppend ? Promise.reject(new Error('disk full')) : super.appendUpdates(appends);
  }
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('storage failures', () => {
  it('[SV-S5] a room that cannot be loaded closes its sockets with 4500 and serves nothing', async () => {
    const storage = new FlakyStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const map = await createMap(server, {
      format: 'ketenkaart',
      version: 1,
      title: 'Goed',
      partners: [{ id: 'p', name: 'P' }],
      steps: [],
      flows: [],
    });
    storage.failLoad = true;
    const s = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    expect((await s.closed).code).toBe(CLOSE_CODES.storageError);
    expect(s.messages).toEqual([]);
    const res = await fetch(`${server.url}/api/maps/${map.id}/export.json?token=${map.viewToken}`);
    expect(res.status).toBe(503);
    expect(server.roomCount()).toBe(0);
    // Once storage recovers, the room loads with its content: nothing was overwritten.
    storage.failLoad = false;
    const c = connect(server, map.id, map.viewToken, true);
    await synced(c);
    expect(c.doc.getMap('meta').get('title')).toBe('Goed');
    c.destroy();
  });

  it('[SV-S5] a failed append closes the room with 4500; the update is neither broadcast nor kept', async () => {
    const storage = new FlakyStorage();
    const server = await testServer({ storage });
    stop = server.stop;
    const map = await createMap(server);
    const watcher = connect(server, map.id, map.viewToken, true);
    await synced(watcher);
    const closes: number[] = [];
    watcher.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    storage.failAppend = true;
    const writer = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await writer.opened;
    const doc = new Y.Doc();
    doc.getMap('steps').set('lost', true);
    writer.ws.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
    expect((await writer.closed).code).toBe(CLOSE_CODES.storageError);
    await eventually(() => expect(closes).toContain(CLOSE_CODES.storageError));
    expect(watcher.doc.getMap('steps').has('lost')).toBe(false);
    storage.failAppend = false;
    await synced(watcher);
    await eventually(() => expect(watcher.provider.wsconnected).toBe(true));
    expect(watcher.doc.getMap('steps').has('lost')).toBe(false);
    watcher.destroy();
  });
});
