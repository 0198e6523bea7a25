/**
 * DocState (a room's document as update bytes) against a real Y.Doc as the oracle: seeded
 * random updates from several Y.Docs, delivered duplicated, reordered and with missing
 * dependencies; compactions and reloads in between.
 */
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { DeleteRanges } from '../src/document/delete-ranges.js';
import { DocState, RefusedUpdate } from '../src/document/doc-state.js';
import { docOf } from './helpers.js';

const BIG = 64 * 1024 * 1024;

function deletesOf(doc: Y.Doc): Map<number, { clock: number; len: number }[]> {
  return DeleteRanges.of(Y.createDeleteSetFromStructStore(doc.store)).toMap();
}

function content(doc: Y.Doc): unknown {
  return {
    steps: doc.getMap('steps').toJSON(),
    order: doc.getArray('order').toJSON(),
    notes: doc.getText('notes').toJSON(),
  };
}

/** One random local edit on `doc`. */
function edit(gen: prng.PRNG, doc: Y.Doc): void {
  const steps = doc.getMap('steps');
  const key = `s${prng.uint32(gen, 0, 5)}`;
  switch (prng.uint32(gen, 0, 7)) {
    case 0:
      steps.set(key, prng.word(gen, 1, 6));
      break;
    case 1: {
      const m = new Y.Map<unknown>();
      m.set('label', prng.word(gen, 1, 6));
      steps.set(key, m);
      break;
    }
    case 2: {
      const m = steps.get(key);
      if (m instanceof Y.Map) m.set(`k${prng.uint32(gen, 0, 3)}`, prng.int31(gen, 0, 100));
      else steps.delete(key);
      break;
    }
    case 3:
      steps.delete(key);
      break;
    case 4: {
      const order = doc.getArray<string>('order');
      order.insert(prng.uint32(gen, 0, order.length), [prng.word(gen, 1, 4)]);
      break;
    }
    case 5: {
      const order = doc.getArray<string>('order');
      if (order.length > 0) order.delete(prng.uint32(gen, 0, order.length - 1), 1);
      break;
    }
    case 6: {
      const notes = doc.getText('notes');
      notes.insert(prng.uint32(gen, 0, notes.length), prng.word(gen, 1, 5));
      break;
    }
    default: {
      const notes = doc.getText('notes');
      if (notes.length > 1) notes.delete(prng.uint32(gen, 0, notes.length - 2), 2);
    }
  }
}

describe('DocState against a Y.Doc', () => {
  // [seed, source docs, how often an old update is delivered (out of 3: 1 or 2)]
  const runs: (readonly [seed: number, docs: number, reorder: 1 | 2])[] = [1, 2, 3, 4, 5, 6].map(
    (seed) => [seed, 3, 1] as const,
  );
  runs.push([535, 3, 2], [7, 5, 2], [8, 5, 1]);
  for (const [seed, docs, reorder] of runs) {
    it(`[SV-P3] [SV-P8] [SV-R2] [SV-S3] [SV-S4] random updates from ${docs} docs, reordered and duplicated (seed ${seed})`, () => {
      const gen = prng.create(seed);
      const sources = Array.from({ length: docs }, (_, i) => {
        const d = new Y.Doc();
        d.clientID = 100 + i;
        return d;
      });
      const pool: Uint8Array[] = [];
      for (const d of sources) d.on('update', (u: Uint8Array) => pool.push(u));

      let oracle = new Y.Doc();
      let emitted: Uint8Array[] = [];
      oracle.on('update', (u: Uint8Array) => emitted.push(u));
      let state = DocState.load([]);
      const log: Uint8Array[] = []; // what was stored
      const mirror = new Y.Doc(); // a client that receives only what was broadcast

      for (let step = 0; step < 400; step++) {
        // Edit, sometimes sync two source docs (cross-client dependencies).
        const src = prng.oneOf(gen, sources);
        edit(gen, src);
        if (prng.uint32(gen, 0, 4) === 0) {
          const other = prng.oneOf(gen, sources);
          Y.applyUpdate(other, Y.encodeStateAsUpdate(src, Y.encodeStateVector(other)));
        }
        if (prng.uint32(gen, 0, 9) === 0) {
          // A handshake reply: everything the server lacks, and the whole delete set.
          pool.push(Y.encodeStateAsUpdate(src, state.stateVector));
        }

        // Deliver an update: mostly a recent one, sometimes an old one (duplicate or reordered).
        if (pool.length === 0) continue;
        const r = prng.uint32(gen, 0, 2);
        const at = (reorder === 1 ? r === 0 : r !== 0) ? prng.uint32(gen, 0, pool.length - 1) : pool.length - 1;
        const update = prng.uint32(gen, 0, 5) === 0 && at > 0 ? Y.mergeUpdates([pool[at - 1]!, pool[at]!]) : pool[at]!;

        emitted = [];
        const known = Y.decodeStateVector(state.stateVector);
        const decoded = Y.decodeUpdate(update);
        const adds = state.addsContent(decoded);
        const change = state.change(update, decoded, BIG);
        Y.applyUpdate(oracle, update);
        if (!adds) expect(emitted).toEqual([]);
        expect(change.stored !== null, `step ${step}: stored iff the Y.Doc emits`).toBe(emitted.length > 0);
        if (change.stored) {
          // SV-P3: only what the document lacked is stored and sent.
          for (const s of Y.decodeUpdate(change.stored).structs) {
            if (!(s instanceof Y.Skip))
              expect(s.id.clock, `step ${step}`).toBeGreaterThanOrEqual(known.get(s.id.client) ?? 0);
          }
          log.push(change.stored);
          Y.applyUpdate(mirror, change.stored);
        }
        change.commit();

        // The bytes are the oracle's document.
        expect(state.stateVector).toEqual(Y.encodeStateVector(oracle));
        const fresh = docOf(state.update());
        expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(oracle));
        expect(content(fresh)).toEqual(content(oracle));
        expect(deletesOf(fresh)).toEqual(deletesOf(oracle));
        expect(content(mirror)).toEqual(content(oracle));
        fresh.destroy();

        // A viewer in sync adds nothing, even with deletions the server made on its own.
        if (step % 7 === 0) {
          const viewer = docOf(state.update());
          expect(state.addsContent(Y.decodeUpdate(Y.encodeStateAsUpdate(viewer, state.stateVector)))).toBe(false);
          // SV-P2: the diff for a client that has part of the document completes it.
          const partial = docOf(...log.slice(0, prng.uint32(gen, 0, log.length)));
          Y.applyUpdate(partial, state.diff(Y.encodeStateVector(partial)));
          expect(content(partial)).toEqual(content(oracle));
          viewer.destroy();
          partial.destroy();
        }

        if (prng.uint32(gen, 0, 29) === 0) {
          const c = state.compaction();
          c.commit();
          log.splice(0, log.length, c.snapshot);
        }
        if (prng.uint32(gen, 0, 39) === 0) {
          // Reload from what was stored; what was held back is gone, as from a fresh Y.Doc.
          state = DocState.load(log);
          oracle.destroy();
          oracle = docOf(...log);
          oracle.on('update', (u: Uint8Array) => emitted.push(u));
          expect(state.heldBytes).toBe(0);
        }
      }

      // Everything delivered: nothing is held back, and every source doc's content is there.
      for (const u of pool) {
        emitted = [];
        const change = state.change(u, Y.decodeUpdate(u), BIG);
        Y.applyUpdate(oracle, u);
        expect(change.stored !== null).toBe(emitted.length > 0);
        change.commit();
      }
      expect(state.heldBytes).toBe(0);
      expect(oracle.store.pendingStructs).toBeNull();
      const all = docOf(...sources.map((d) => Y.encodeStateAsUpdate(d)));
      const fresh = docOf(state.update());
      expect(content(fresh)).toEqual(content(all));
      expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(all));
    });
  }
});

describe('DocState: compaction', () => {
  it('[SV-S3] the compacted snapshot (deleted content collected) becomes the bytes the room holds', () => {
    const a = new Y.Doc();
    const state = DocState.load([]);
    a.on('update', (u: Uint8Array) => state.change(u, Y.decodeUpdate(u), BIG).commit());
    for (let i = 0; i < 50; i++) a.getMap('steps').set('s', 'x'.repeat(1000) + i);
    const before = state.update().byteLength;
    const { snapshot, commit } = state.compaction();
    commit();
    expect(snapshot.byteLength).toBeLessThan(before / 10);
    expect(state.update()).toBe(snapshot);
    expect(docOf(state.update()).getMap('steps').get('s')).toBe('x'.repeat(1000) + 49);
  });
});

describe('DeleteRanges', () => {
  it('[SV-R2] merges touching and overlapping ranges and answers coverage', () => {
    const d = new DeleteRanges();
    d.add(1, 10, 5); // [10, 15)
    d.add(1, 20, 5); // [20, 25)
    d.add(1, 15, 2); // touches the first: [10, 17)
    d.add(2, 0, 3);
    d.add(1, 0, 0); // empty: nothing
    expect(d.toMap()).toEqual(
      new Map([
        [
          1,
          [
            { clock: 10, len: 7 },
            { clock: 20, len: 5 },
          ],
        ],
        [2, [{ clock: 0, len: 3 }]],
      ]),
    );
    expect(d.covers(1, 10, 7)).toBe(true);
    expect(d.covers(1, 12, 3)).toBe(true);
    expect(d.covers(1, 16, 5)).toBe(false); // spans the hole [17, 20)
    d.add(1, 16, 5); // fills it: one range [10, 25)
    expect(d.toMap().get(1)).toEqual([{ clock: 10, len: 15 }]);
    expect(d.covers(1, 9, 2)).toBe(false);
    expect(d.covers(3, 0, 1)).toBe(false);
    expect(d.covers(3, 5, 0)).toBe(true);
  });

  for (const seed of [1, 2, 3]) {
    it(`[SV-R2] in order, out of order, touching and overlapping, as a set of clocks would (seed ${seed})`, () => {
      const gen = prng.create(seed);
      const d = new DeleteRanges();
      const oracle = new Map<number, Set<number>>();
      let next = 0;
      for (let n = 0; n < 2_000; n++) {
        const client = prng.int32(gen, 1, 3);
        // Mostly just past, at or inside the last range (as Yjs orders them), sometimes anywhere.
        const clock = prng.bool(gen) ? next + prng.int32(gen, -3, 3) : prng.int32(gen, 0, next + 10);
        const from = Math.max(0, clock);
        const len = prng.int32(gen, 0, 6);
        next = Math.max(next, from + len);
        d.add(client, from, len);
        const set = oracle.get(client) ?? new Set<number>();
        for (let c = from; c < from + len; c++) set.add(c);
        oracle.set(client, set);
      }
      for (const [client, set] of oracle) {
        const ranges = d.toMap().get(client) ?? [];
        // Sorted, apart (merged when touching), and holding exactly the oracle's clocks.
        for (let i = 1; i < ranges.length; i++) {
          expect(ranges[i]!.clock).toBeGreaterThan(ranges[i - 1]!.clock + ranges[i - 1]!.len);
        }
        const clocks = ranges.flatMap((r) => Array.from({ length: r.len }, (_, k) => r.clock + k));
        expect(clocks).toEqual([...set].sort((a, b) => a - b));
        for (const c of [...set].slice(0, 50)) expect(d.covers(client, c, 1)).toBe(true);
      }
      const triples = DeleteRanges.ofTriples(new Float64Array(d.toTriples()));
      expect(triples.toMap()).toEqual(d.toMap());
    });
  }
});

describe('DocState: missing dependencies (SV-P8)', () => {
  it('[SV-S4] [SV-P8] stored updates with a gap load: the rest is held back until the gap is filled', () => {
    const a = new Y.Doc();
    const fromA: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => fromA.push(u));
    a.getMap('steps').set('s1', 'one');
    a.getMap('steps').set('s2', 'two');
    const state = DocState.load([fromA[1]!]);
    expect(state.heldBytes).toBeGreaterThan(0);
    expect(docOf(state.update()).getMap('steps').size).toBe(0);
    const change = state.change(fromA[0]!, Y.decodeUpdate(fromA[0]!), BIG);
    change.commit();
    expect(docOf(change.stored!).getMap('steps').toJSON()).toEqual({ s1: 'one', s2: 'two' });
    expect(state.heldBytes).toBe(0);
  });

  it('[SV-P8] an update whose dependency arrives later is held back, then stored with it', () => {
    const a = new Y.Doc();
    const fromA: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => fromA.push(u));
    a.getMap('steps').set('s1', 'one');
    a.getMap('steps').set('s1', 'two'); // the next clock of a's client
    const b = docOf(fromA[0]!);
    const fromB: Uint8Array[] = [];
    b.on('update', (u: Uint8Array) => fromB.push(u));
    b.getMap('steps').set('s1', 'three'); // its origin is a's first item
    const c = new Y.Doc();
    c.getText('notes').insert(0, 'hi'); // needs nothing

    const state = DocState.load([]);
    const mirror = new Y.Doc();
    const deliver = (u: Uint8Array): Uint8Array | null => {
      const change = state.change(u, Y.decodeUpdate(u), BIG);
      change.commit();
      if (change.stored) Y.applyUpdate(mirror, change.stored);
      return change.stored;
    };
    expect(deliver(fromA[1]!)).toBeNull();
    expect(deliver(fromB[0]!)).toBeNull();
    expect(state.heldBytes).toBeGreaterThan(0);
    expect(deliver(Y.encodeStateAsUpdate(c))).not.toBeNull();
    expect(mirror.getText('notes').toJSON()).toBe('hi');
    expect(mirror.getMap('steps').size).toBe(0);

    expect(deliver(fromA[0]!)).not.toBeNull();
    expect(state.heldBytes).toBe(0);
    const expected = docOf(...fromA, ...fromB, Y.encodeStateAsUpdate(c));
    expect(content(mirror)).toEqual(content(expected));
    expect(content(docOf(state.update()))).toEqual(content(expected));
  });

  it('[SV-P4] an update a Y.Doc cannot apply is refused and changes nothing', () => {
    const a = new Y.Doc();
    a.getMap('steps').set('s1', 'one');
    const state = DocState.load([Y.encodeStateAsUpdate(a)]);
    const before = state.update().slice();
    // Client 7's first item, whose origin is a later clock of its own client: a Y.Doc throws.
    const e = encoding.createEncoder();
    for (const n of [1, 1, 7, 0]) encoding.writeVarUint(e, n); // 1 group, 1 struct, client 7, clock 0
    encoding.writeUint8(e, 4 | 0x80); // a string item with an origin
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 5);
    encoding.writeVarString(e, 'a');
    encoding.writeVarUint(e, 0); // no deletions
    const forged = encoding.toUint8Array(e);
    const decoded = Y.decodeUpdate(forged);
    expect(decoded.structs).toHaveLength(1);
    expect(() => docOf(forged)).toThrow();
    expect(() => state.change(forged, decoded, BIG)).toThrow(RefusedUpdate);
    expect(state.update()).toEqual(before);
    expect(state.heldBytes).toBe(0);
  });

  it('[SV-L10] what is held back is bounded', () => {
    const a = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 20; i++) a.getMap('steps').set(`s${i}`, 'x'.repeat(100));
    const state = DocState.load([]);
    let refused = 0;
    for (const u of updates.slice(1)) {
      try {
        state.change(u, Y.decodeUpdate(u), 1000).commit();
      } catch (e) {
        expect(e).toBeInstanceOf(RefusedUpdate);
        refused++;
      }
    }
    expect(state.heldBytes).toBeLessThanOrEqual(1000);
    expect(refused).toBeGreaterThan(0);
  });
});
