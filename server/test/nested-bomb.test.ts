/**
 * Rule SV-D1 through real sockets: the nested-map bomb is refused before it is stored, and the map
 * stays usable (stock clients load it, export works, the room compacts and loads again); honest
 * editing with every shared op, undo and redo, on the loonaangifteketen, is never refused.
 */
import * as prng from 'lib0/prng';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES, ORIGINS, readMap, undoScope } from '@ketenkaart/shared';
import { fixtureText } from '../../shared/test/helpers.js';
import { randomOp } from '../../shared/test/random-ops.js';
import { syncFrame } from './frames.js';
import { type Client, connect, createMap, eventually, exportMap, rawSocket, synced, testServer } from './helpers.js';

// Each stock provider adds a process 'exit' listener.
process.setMaxListeners(100);

const SEED = Number(process.env['DEPTH_SEED'] ?? 20261207);
const OPS = Number(process.env['DEPTH_OPS'] ?? 1_500);

let server: Awaited<ReturnType<typeof testServer>>;

// A server per test: each reads the server's refusal counters.
beforeEach(async () => {
  // The bomb is sent as fast as a socket takes it: only the depth check may refuse it.
  server = await testServer({ evictAfterMs: 50, maxMessagesPerSecond: 100_000, compactAfterUpdates: 40 });
});
afterEach(async () => {
  await server.stop();
});

const template = () => JSON.parse(fixtureText()) as { steps: unknown[]; flows: unknown[]; partners: unknown[] };

/** The server's metrics text. */
const metrics = async () => (await fetch(`${server.url}/metrics`)).text();

/** How many maps deep `value` nests (a Y.Map holding no map is 1). */
function mapDepth(value: unknown): number {
  let deepest = 0;
  let level: unknown[] = [value];
  while (level.length > 0) {
    deepest++;
    level = level.flatMap((v) => (v instanceof Y.Map ? [...(v as Y.Map<unknown>).values()] : []));
    level = level.filter((v) => v instanceof Y.Map);
  }
  return deepest;
}

describe('nested-map bomb (SV-D1)', () => {
  it('[SV-D1] maps nested 2,000 deep, one level per update, then the outer one deleted: refused with 4400, the map stays usable', async () => {
    const map = await createMap(server, JSON.parse(fixtureText()));
    // The bomb, built as an editor with plain Yjs would: one level per transaction.
    // (Without gc: collecting the deleted chain overflows the stack of the Y.Doc that deletes it.)
    const bomb = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    bomb.on('update', (u: Uint8Array) => updates.push(u));
    let parent: Y.Map<unknown> = bomb.getMap('steps');
    for (let i = 0; i < 2_000; i++) {
      const child = new Y.Map<unknown>();
      parent.set(i === 0 ? 'bomb' : 'k', child);
      parent = child;
    }
    bomb.getMap('steps').delete('bomb');

    const attacker = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await attacker.opened;
    for (const u of updates) attacker.ws.send(syncFrame(2, u));
    const closed = await attacker.closed;
    expect(closed.code).toBe(CLOSE_CODES.badMessage);
    expect(closed.reason).toMatch(/nested/);
    expect(await metrics()).toMatch(/ketenkaart_rejected_writes_total\{reason="too-deep"\} 1/);

    // Only the levels the model allows reached the map; a stock client loads it whole.
    const reader = connect(server, map.id, map.viewToken, true);
    await synced(reader);
    expect(mapDepth(reader.doc.getMap('steps').get('bomb'))).toBe(3);
    expect(() => reader.doc.toJSON()).not.toThrow();
    // The bomb's outer map reads as one more (empty) step.
    expect(readMap(reader.doc).steps).toHaveLength(template().steps.length + 1);
    reader.destroy();

    // The outer map's deletion, alone, is shallow: taken.
    const deleter = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await deleter.opened;
    deleter.ws.send(syncFrame(2, updates.at(-1)!));
    await eventually(async () => {
      const file = (await exportMap(server, map.id, map.viewToken)) as { steps: unknown[]; flows: unknown[] };
      expect(file.steps).toHaveLength(template().steps.length);
      expect(file.flows).toHaveLength(template().flows.length);
    });
    deleter.ws.close();
    await deleter.closed;

    // Everyone gone: the room compacts and leaves memory; it loads again for a stock client.
    await eventually(() => expect(server.roomCount()).toBe(0));
    const again = connect(server, map.id, map.editToken);
    await synced(again);
    expect(again.doc.getMap('steps').has('bomb')).toBe(false);
    expect(readMap(again.doc).steps).toHaveLength(template().steps.length);
    again.destroy();
  });

  it(`[SV-D1] honest editing is never refused: 3 stock clients, ${OPS} seeded random shared ops with undo, redo and reconnects (seed ${SEED})`, async () => {
    const map = await createMap(server, JSON.parse(fixtureText()));
    const gen = prng.create(SEED);
    const log: string[] = [];
    const editors = Array.from({ length: 3 }, () => {
      const client = connect(server, map.id, map.editToken);
      const undo = new Y.UndoManager(undoScope(client.doc), {
        trackedOrigins: new Set([ORIGINS.local]),
        captureTimeout: 0,
      });
      return { client, doc: client.doc, undo };
    });
    const refusals: string[] = [];
    for (const e of editors) {
      e.client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
        if (event && event.code >= 4000) refusals.push(`${event.code} ${event.reason}`);
      });
    }
    await Promise.all(editors.map((e) => synced(e.client)));
    const fail = (why: string) => `seed ${SEED}: ${why}\nlast ops:\n${log.slice(-30).join('\n')}`;

    for (let n = 0; n < OPS; n++) {
      const who = prng.uint32(gen, 0, editors.length - 1);
      const editor = editors[who]!;
      randomOp(gen, editor, log, who);
      // Now and then an editor goes offline and edits there; its return sends it all at once.
      if (prng.uint32(gen, 0, 99) < 2) {
        const p = editor.client.provider;
        if (p.shouldConnect) p.disconnect();
        else p.connect();
        log.push(`${who}: ${p.shouldConnect ? 'online' : 'offline'}`);
      }
      if (n % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      expect(refusals, fail('a socket was refused')).toEqual([]);
    }
    for (const e of editors) if (!e.client.provider.shouldConnect) e.client.provider.connect();
    await Promise.all(editors.map((e) => synced(e.client)));

    // Every edit reached the server: a fresh client sees what each editor sees.
    const fresh: Client = connect(server, map.id, map.viewToken, true);
    await synced(fresh);
    await eventually(() => {
      const expected = JSON.stringify(readMap(fresh.doc));
      for (const e of editors)
        expect(JSON.stringify(readMap(e.doc)), fail('editors differ from the server')).toBe(expected);
    });
    expect(refusals, fail('a socket was refused')).toEqual([]);
    expect(await metrics(), fail('an update was refused')).not.toMatch(
      /rejected_writes_total\{reason="(too-deep|malformed)"\}/,
    );
    fresh.destroy();
    for (const e of editors) e.client.destroy();
  }, 120_000);
});
