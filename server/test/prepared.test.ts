/**
 * SV-W4: a document's state computed as plain data (on a work thread) is the state the room's
 * own thread would reach. A real Y.Doc is the oracle; the prepared data goes through
 * `structuredClone`, as it does between threads.
 */
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportJson, readMap } from '@ketenkaart/shared';
import { DocState } from '../src/document/doc-state.js';
import { prepareLoad } from '../src/document/prepared.js';
import { StructDepths } from '../src/document/struct-depth.js';
import { runTask } from '../src/work/tasks.js';
import { bigMap } from './big-map.js';
import { startServer } from '../src/index.js';
import { connect, createMap, docOf, exportMap, synced, tempDir, testServer } from './helpers.js';

const BIG = 64 * 1024 * 1024;

/** A random edit of a map-shaped document: entity maps created, changed, deleted. */
function edit(gen: prng.PRNG, doc: Y.Doc): void {
  const steps = doc.getMap<Y.Map<unknown>>('steps');
  const key = `s${prng.uint32(gen, 0, 12)}`;
  const existing = steps.get(key);
  switch (prng.uint32(gen, 0, 3)) {
    case 0: {
      const m = new Y.Map<unknown>();
      m.set('label', prng.word(gen, 1, 8));
      m.set('x', prng.int31(gen, 0, 1000));
      steps.set(key, m);
      break;
    }
    case 1:
      if (existing) existing.set('x', prng.int31(gen, 0, 1000));
      break;
    case 2:
      steps.delete(key);
      break;
    default:
      doc.getMap('meta').set('title', prng.word(gen, 1, 12));
  }
}

/** Two editing docs synced now and then, and the updates a server would have stored. */
function history(seed: number, edits: number): { oracle: Y.Doc; stored: Uint8Array[]; sources: Y.Doc[] } {
  const gen = prng.create(seed);
  const sources = [new Y.Doc(), new Y.Doc()];
  sources.forEach((d, i) => (d.clientID = 10 + i));
  const oracle = new Y.Doc();
  const stored: Uint8Array[] = [];
  oracle.on('update', (u: Uint8Array) => stored.push(u));
  for (let i = 0; i < edits; i++) {
    const src = prng.oneOf(gen, sources);
    const before = Y.encodeStateVector(oracle);
    edit(gen, src);
    Y.applyUpdate(oracle, Y.encodeStateAsUpdate(src, before));
    if (prng.uint32(gen, 0, 5) === 0) for (const d of sources) Y.applyUpdate(d, Y.encodeStateAsUpdate(oracle));
  }
  return { oracle, stored, sources };
}

function sameDocument(state: DocState, oracle: Y.Doc): void {
  expect(state.stateVector).toEqual(Y.encodeStateVector(oracle));
  const fresh = docOf(state.update());
  expect(fresh.toJSON()).toEqual(oracle.toJSON());
  fresh.destroy();
}

describe('[SV-W4] state prepared on a work thread', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`[SV-W4] a load prepared elsewhere takes every later update as the oracle does (seed ${seed})`, () => {
      const { oracle, stored, sources } = history(seed, 300);
      const prepared = prepareLoad(stored);
      expect(prepared).not.toBeNull();
      const state = DocState.fromPrepared(structuredClone(prepared!));
      sameDocument(state, oracle);

      // Later edits, some delivered twice: stored exactly when the oracle takes something in.
      const gen = prng.create(seed + 1000);
      const emitted: Uint8Array[] = [];
      oracle.on('update', (u: Uint8Array) => emitted.push(u));
      for (let i = 0; i < 150; i++) {
        const src = prng.oneOf(gen, sources);
        const sv = Y.encodeStateVector(src);
        edit(gen, src);
        const update = prng.uint32(gen, 0, 3) === 0 ? Y.encodeStateAsUpdate(src) : Y.encodeStateAsUpdate(src, sv);
        emitted.length = 0;
        const change = state.change(update, Y.decodeUpdate(update), BIG);
        Y.applyUpdate(oracle, update);
        expect(change.stored !== null, `edit ${i}`).toBe(emitted.length > 0);
        change.commit();
      }
      sameDocument(state, oracle);
    });
  }

  it('[SV-W4] [SV-D1] struct depths survive the trip as runs', () => {
    const { oracle } = history(7, 400);
    const depths = StructDepths.ofDoc(oracle);
    const back = StructDepths.ofRuns(structuredClone(depths.toRuns()));
    let checked = 0;
    for (const [client, structs] of oracle.store.clients) {
      for (const s of structs) {
        for (const clock of [s.id.clock, s.id.clock + s.length - 1]) {
          expect(back.at(client, clock)).toBe(depths.at(client, clock));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(back.runCount).toBe(depths.runCount);
  });

  it('[SV-W4] a replacement built elsewhere leaves the same document as one taken through SV-P3', async () => {
    const before = bigMap(300);
    const after = { ...bigMap(200), title: 'Vervangen' };
    const start = new Y.Doc();
    const created = await runTask({ kind: 'import', text: JSON.stringify(before) });
    if (created.kind !== 'created') throw new Error('import failed');
    for (const part of created.parts) Y.applyUpdate(start, part);

    const prepared = DocState.load(created.parts);
    const plain = DocState.load(created.parts);
    const result = await runTask({ kind: 'replace', text: JSON.stringify(after), doc: prepared.parts() });
    if (result.kind !== 'update' || !result.update || !result.state) throw new Error('replace gave no state');

    const change = prepared.changePrepared(result.update, structuredClone(result.state), prepared.version);
    expect(change).not.toBeNull();
    change!.commit();
    plain.change(result.update, Y.decodeUpdate(result.update), BIG).commit();

    Y.applyUpdate(start, result.update);
    for (const state of [prepared, plain]) sameDocument(state, start);
    expect(readMap(docOf(prepared.update())).steps).toHaveLength(200);
    // The same update again adds nothing to either.
    const again = Y.decodeUpdate(result.update);
    expect(prepared.addsContent(again)).toBe(false);
    expect(plain.addsContent(again)).toBe(false);
  });

  it('[SV-W4] a change prepared on an older version is not taken as is', () => {
    const state = DocState.load([]);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getMap('meta').set('title', 'a');
    const version = state.version;
    state.change(updates[0]!, Y.decodeUpdate(updates[0]!), BIG).commit();
    expect(state.version).toBe(version + 1);
    expect(
      state.changePrepared(updates[0]!, { sv: [], deletes: [], deletesExact: true, depths: new Map() }, version),
    ).toBeNull();
  });
});

describe('[SV-W4] rooms of large maps', () => {
  it('[SV-W4] a large map opens (decoded on a work thread), takes a replacement and a layout, and exports what its clients see', async () => {
    const server = await testServer();
    try {
      const map = await createMap(server, bigMap(2_500));
      const client = connect(server, map.id, map.editToken);
      await synced(client);
      expect(readMap(client.doc).steps).toHaveLength(2_500);

      const replaced = { ...bigMap(2_400), title: 'Vervangen' };
      const put = await fetch(`${server.url}/api/maps/${map.id}/content?token=${map.editToken}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(replaced),
      });
      expect(put.status).toBe(200);
      const laid = await fetch(`${server.url}/api/maps/${map.id}/layout?token=${map.editToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(laid.status).toBe(200);
      await expect
        .poll(() => JSON.parse(exportJson(client.doc)) as unknown, { timeout: 20_000 })
        .toEqual(await exportMap(server, map.id, map.viewToken));
      expect(readMap(client.doc).steps).toHaveLength(2_400);
      expect(readMap(client.doc).meta.title).toBe('Vervangen');
      client.destroy();
    } finally {
      await server.stop();
    }
  });

  it('[SV-W4] should the work thread fail, a large map still opens on the room thread', async () => {
    const tmp = tempDir();
    try {
      const first = await startServer({ port: 0, host: '127.0.0.1', dataDir: tmp.dir });
      const map = await createMap(first, bigMap(2_500));
      await first.close();
      // A heap too small for any task: every task ends its thread.
      const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: tmp.dir, workMemoryMb: 1 });
      try {
        const client = connect(server, map.id, map.editToken);
        await synced(client);
        expect(readMap(client.doc).steps).toHaveLength(2_500);
        client.destroy();
      } finally {
        await server.close();
      }
    } finally {
      tmp.remove();
    }
  });
});
