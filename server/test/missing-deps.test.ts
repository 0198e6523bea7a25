/**
 * The room holds its document as bytes (DocState); these check, over real sockets, that it
 * still behaves like a Y.Doc where that is hard: updates with missing dependencies (SV-P8, SV-L10)
 * and deletions a Y.Doc makes on its own (SV-R2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TRY_AGAIN_LATER } from '../src/errors.js';
import { greetingStateVector, parseFrame, syncFrame } from './frames.js';
import {
  type Client,
  connect,
  createMap,
  eventually,
  rawSocket,
  type RawSocket,
  synced,
  testServer,
} from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await testServer({ maxFrameBytes: 4096 });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

async function openRaw(id: string, token: string): Promise<RawSocket> {
  const s = rawSocket(server, `/sync/${id}?token=${token}`);
  await eventually(() => expect(greetingStateVector(s.messages)).toBeDefined());
  return s;
}

/** Sends `frame`, then a SyncStep1, and returns what came back up to the SyncStep2 answering it. */
async function sendAndFlush(s: RawSocket, frame: Uint8Array): Promise<Uint8Array[]> {
  s.messages.length = 0;
  s.ws.send(frame);
  s.ws.send(syncFrame(0, new Uint8Array([0])));
  await eventually(() => expect(s.messages.some((m) => parseFrame(m).sub === 1)).toBe(true));
  return s.messages.slice(
    0,
    s.messages.findIndex((m) => parseFrame(m).sub === 1),
  );
}

/** Two updates of one client, the second depending on the first. */
function twoEdits(): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  doc.getMap('steps').set('s1', 'eerste');
  doc.getMap('steps').set('s1', 'tweede');
  return out;
}

describe('missing dependencies', () => {
  it('[SV-P8] an update whose dependency arrives in a later frame is held back, then both are stored and sent', async () => {
    const map = await createMap(server);
    const observer = connect(server, map.id, map.viewToken);
    clients.push(observer);
    await synced(observer);
    const [first, second] = twoEdits();
    const editor = await openRaw(map.id, map.editToken);

    // The second edit alone: not stored, not sent, and the socket stays open (no 44xx).
    const afterSecond = await sendAndFlush(editor, syncFrame(2, second!));
    expect(afterSecond.filter((m) => parseFrame(m).sub === 2)).toEqual([]);
    expect(editor.ws.readyState).toBe(editor.ws.OPEN);

    // The first arrives: both are stored and sent (the echo included); everyone converges.
    const afterFirst = await sendAndFlush(editor, syncFrame(2, first!));
    const echoed = afterFirst.filter((m) => parseFrame(m).sub === 2);
    expect(echoed).toHaveLength(1);
    const echo = new Y.Doc();
    Y.applyUpdate(echo, parseFrame(echoed[0]!).payload!);
    expect(echo.getMap('steps').get('s1')).toBe('tweede');
    await eventually(() => expect(observer.doc.getMap('steps').get('s1')).toBe('tweede'));

    // Stored: a client joining later gets it.
    const late = connect(server, map.id, map.editToken);
    clients.push(late);
    await synced(late);
    expect(late.doc.getMap('steps').get('s1')).toBe('tweede');
    editor.ws.close();
  });

  it('[SV-L10] held-back updates past the frame limit close the socket with 1013 and change nothing', async () => {
    const map = await createMap(server);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) doc.getMap('steps').set(`s${i}`, 'x'.repeat(400));
    const editor = await openRaw(map.id, map.editToken);
    for (const u of updates.slice(1)) editor.ws.send(syncFrame(2, u));
    expect((await editor.closed).code).toBe(TRY_AGAIN_LATER);
    const viewer = connect(server, map.id, map.viewToken);
    clients.push(viewer);
    await synced(viewer);
    expect(viewer.doc.getMap('steps').size).toBe(0);

    // Reconnecting and sending what was missing is taken, with what was held back.
    const again = await openRaw(map.id, map.editToken);
    for (const u of updates) again.ws.send(syncFrame(2, u));
    await eventually(() => expect(viewer.doc.getMap('steps').size).toBe(30));
    again.ws.close();
  });
});

describe('deletions a Y.Doc makes on its own', () => {
  it('[SV-R2] after concurrent writes to one key, a viewer handshake reply still passes quietly', async () => {
    const map = await createMap(server);
    const editor = await openRaw(map.id, map.editToken);
    // Two clients write the same key without seeing each other: one value loses, deleted by
    // every Y.Doc that sees both, though no update's delete set says so.
    for (const [id, value] of [
      [11, 'a'],
      [22, 'b'],
    ] as const) {
      const d = new Y.Doc();
      d.clientID = id;
      d.getMap('steps').set('k', value);
      await sendAndFlush(editor, syncFrame(2, Y.encodeStateAsUpdate(d)));
    }
    const viewer = await openRaw(map.id, map.viewToken);
    const full = await sendAndFlush(viewer, syncFrame(0, new Uint8Array([0])));
    expect(full).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, parseFrame(viewer.messages.find((m) => parseFrame(m).sub === 1)!).payload!);
    const reply = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)); // the server has all of it
    expect(doc.getMap('steps').size).toBe(1);
    expect(Y.decodeUpdate(reply).ds.clients.size).toBeGreaterThan(0);
    const answered = await sendAndFlush(viewer, syncFrame(1, reply));
    expect(answered.filter((m) => parseFrame(m).type === 2)).toEqual([]);
    editor.ws.close();
    viewer.ws.close();
  });
});
