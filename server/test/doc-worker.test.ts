import { afterEach, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { DeleteRanges } from '../src/document/delete-ranges.js';
import { DocState } from '../src/document/doc-state.js';
import { DocWorker } from '../src/document/doc-worker.js';
import { docOf } from './helpers.js';

const BIG = 1 << 30;
let worker: DocWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

/** A room's document after `steps` random edits (sets, overwrites, deletes) from two clients. */
function randomState(seed: number, steps: number): DocState {
  const gen = prng.create(seed);
  const state = DocState.load([]);
  const docs = [1, 2].map((id) => {
    const d = new Y.Doc();
    d.clientID = id;
    d.on('update', (u: Uint8Array) => state.change(u, Y.decodeUpdate(u), BIG).commit());
    return d;
  });
  for (let i = 0; i < steps; i++) {
    const d = prng.oneOf(gen, docs);
    const steps = d.getMap('steps');
    if (prng.uint32(gen, 0, 3) === 0 && steps.size > 0) steps.delete(prng.oneOf(gen, [...steps.keys()]));
    else steps.set(`s${prng.uint32(gen, 0, 30)}`, prng.word(gen, 5, 50));
    if (prng.uint32(gen, 0, 7) === 0) for (const o of docs) Y.applyUpdate(o, Y.encodeStateAsUpdate(d));
  }
  return state;
}

describe('DocWorker', () => {
  for (const seed of [1, 2]) {
    it(`[SV-S3] compacts in its thread exactly as this thread does: the same snapshot and deleted ranges (seed ${seed})`, async () => {
      worker = new DocWorker();
      const state = randomState(seed, 600);
      const here = state.compaction();
      const there = await worker.compact([state.update()]);
      expect(there.snapshot).toEqual(here.snapshot);
      const ranges = DeleteRanges.ofTriples(there.deletes);
      expect(ranges.toMap()).toEqual(DeleteRanges.ofDoc(docOf(state.update())).toMap());
      expect(ranges.toMap().size).toBeGreaterThan(0);
    });
  }

  it('[SV-S3] a room compacting through the worker holds the snapshot afterwards', async () => {
    worker = new DocWorker();
    const state = randomState(3, 400);
    const content = docOf(state.update()).getMap('steps').toJSON();
    const before = state.update().byteLength;
    const { snapshot, commit } = await state.compactionBy(worker);
    commit();
    expect(state.update()).toBe(snapshot);
    expect(snapshot.byteLength).toBeLessThan(before);
    expect(docOf(snapshot).getMap('steps').toJSON()).toEqual(content);
  });

  it('[SV-S3] bytes that are no update are refused by the thread, which then serves the next request', async () => {
    worker = new DocWorker();
    await expect(worker.compact([new Uint8Array([255, 255, 255, 1, 2])])).rejects.toThrow(/compaction failed/);
    const state = randomState(4, 50);
    expect((await worker.compact([state.update()])).snapshot).toEqual(state.compaction().snapshot);
  });

  it('[SV-S3] should the thread be gone, the room compacts on its own thread', async () => {
    worker = new DocWorker();
    const state = randomState(5, 200);
    const expected = state.compaction().snapshot;
    const stopped = new DocWorker();
    const waiting = stopped.compact([state.update()]);
    await stopped.close();
    await expect(waiting).rejects.toThrow();
    const gone = { compact: () => Promise.reject(new Error('gone')) } as unknown as DocWorker;
    const { snapshot } = await state.compactionBy(gone);
    expect(snapshot).toEqual(expected);
  });
});
