/**
 * The structure-depth check (rule SV-D1) on a room's document: what is refused, what is taken,
 * the inherited-parent and held-back paths, documents stored before the check, and the memory the
 * depths take. The same check through real sockets: `nested-bomb.test.ts`.
 */
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPartner, addStep, connect as connectSteps, importJson, removeSteps } from '@ketenkaart/shared';
import { DocState, RefusedUpdate } from '../src/document/doc-state.js';
import { MAX_STRUCT_DEPTH, StructDepths } from '../src/document/struct-depth.js';
import { fixtureText } from '../../shared/test/helpers.js';

const BIG = 64 * 1024 * 1024;

/** Runs `edit` on `doc` and returns the update it emitted. */
function captured(doc: Y.Doc, edit: () => void): Uint8Array {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array): void => void out.push(u);
  doc.on('update', on);
  edit();
  doc.off('update', on);
  return Y.mergeUpdates(out);
}

/** Applies `update` to `state` the way a room does; throws RefusedUpdate when refused. */
function apply(state: DocState, update: Uint8Array): void {
  state.change(update, Y.decodeUpdate(update), BIG).commit();
}

/** The reason `apply` was refused, or 'taken'. */
function outcome(state: DocState, update: Uint8Array): string {
  try {
    apply(state, update);
    return 'taken';
  } catch (e) {
    if (e instanceof RefusedUpdate) return e.reason;
    throw e;
  }
}

/**
 * One update per level: level 2 is a map in `steps`, each next level a map in the one before
 * (as the bomb builds it, one level per transaction).
 */
function levels(doc: Y.Doc, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let parent: Y.Map<unknown> = doc.getMap('steps');
  for (let i = 2; i < 2 + count; i++) {
    const child = new Y.Map<unknown>();
    const at = parent;
    out.push(captured(doc, () => at.set(`level${i}`, child)));
    parent = child;
  }
  return out;
}

describe('struct depth (SV-D1)', () => {
  it('[SV-D1] maps nested one level per update: level 4 is taken, level 5 refused and nothing changes', () => {
    expect(MAX_STRUCT_DEPTH).toBe(4);
    const doc = new Y.Doc();
    const updates = levels(doc, 5);
    const state = DocState.load([]);
    for (const u of updates.slice(0, 3)) expect(outcome(state, u)).toBe('taken');
    const before = { bytes: state.update(), sv: state.stateVector };
    expect(outcome(state, updates[3]!)).toBe('too-deep');
    expect(state.update()).toEqual(before.bytes);
    expect(state.stateVector).toEqual(before.sv);
    // A plain value at level 5 is as deep.
    const shallow = new Y.Doc();
    const three = levels(shallow, 3);
    const level4 = ((shallow.getMap('steps').get('level2') as Y.Map<unknown>).get('level3') as Y.Map<unknown>).get(
      'level4',
    ) as Y.Map<unknown>;
    const fresh = DocState.load(three);
    expect(
      outcome(
        fresh,
        captured(shallow, () => level4.set('x', 1)),
      ),
    ).toBe('too-deep');
  });

  it('[SV-D1] a type written over a key takes its depth from the old value it follows (no parent in the update)', () => {
    const doc = new Y.Doc();
    const state = DocState.load([]);
    const [l2, l3] = levels(doc, 2);
    apply(state, l2!);
    apply(state, l3!);
    const level3 = (doc.getMap('steps').get('level2') as Y.Map<unknown>).get('level3') as Y.Map<unknown>;
    apply(
      state,
      captured(doc, () => level3.set('field', 'plain')),
    );
    // Overwriting the key: the new item's origin is the old value; the update names no parent.
    const over = captured(doc, () => level3.set('field', new Y.Map()));
    const struct = Y.decodeUpdate(over).structs.find((s) => s instanceof Y.Item && s.content instanceof Y.ContentType);
    expect((struct as Y.Item).parent).toBeNull();
    expect(outcome(state, over)).toBe('taken'); // level 4
    const nested = level3.get('field') as Y.Map<unknown>;
    expect(
      outcome(
        state,
        captured(doc, () => nested.set('deeper', 1)),
      ),
    ).toBe('too-deep');
  });

  it('[SV-D1] a chain in one update is refused; a deep struct held back cannot get the update it waits for refused', () => {
    const doc = new Y.Doc();
    const chain = captured(doc, () => {
      let m: Y.Map<unknown> = doc.getMap('steps');
      for (let i = 0; i < 2_000; i++) {
        const next = new Y.Map<unknown>();
        m.set('k', next);
        m = next;
      }
    });
    expect(outcome(DocState.load([]), chain)).toBe('too-deep');

    // Another client's level-5 struct waits, held back (SV-P8), for an editor's levels 2-4: when
    // they come they are taken, and the held-back struct is dropped; sent again, it is refused.
    const honest = new Y.Doc();
    const mine = Y.mergeUpdates(levels(honest, 3));
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, mine);
    const level4 = ((attacker.getMap('steps').get('level2') as Y.Map<unknown>).get('level3') as Y.Map<unknown>).get(
      'level4',
    ) as Y.Map<unknown>;
    const deep = captured(attacker, () => level4.set('x', 1));
    const state = DocState.load([]);
    expect(outcome(state, deep)).toBe('taken');
    expect(state.heldBytes).toBeGreaterThan(0);
    expect(outcome(state, mine)).toBe('taken');
    expect(state.heldBytes).toBe(0);
    expect(Y.decodeStateVector(state.stateVector)).toEqual(new Map([[honest.clientID, 3]]));
    expect(outcome(state, deep)).toBe('too-deep');
  });

  it('[SV-D1] a document stored before the check loads; edits beside a deep chain are taken, below it refused', () => {
    const doc = new Y.Doc();
    const deep = levels(doc, 8);
    const state = DocState.load(deep);
    const steps = doc.getMap('steps');
    expect(
      outcome(
        state,
        captured(doc, () => steps.set('s1', new Y.Map([['label', 'Stap']]))),
      ),
    ).toBe('taken');
    let bottom = steps.get('level2') as Y.Map<unknown>;
    for (let i = 3; i < 10; i++) bottom = bottom.get(`level${i}`) as Y.Map<unknown>;
    expect(
      outcome(
        state,
        captured(doc, () => bottom.set('x', 1)),
      ),
    ).toBe('too-deep');
  });

  it('[SV-D1] the model itself stays within the limit: the loonaangifteketen and a 300-step map, with removals', () => {
    const template = new Y.Doc();
    importJson(template, fixtureText());
    const big = new Y.Doc();
    const partners = Array.from({ length: 10 }, (_, i) => addPartner(big, { name: `Partner ${i}` }));
    const steps = Array.from({ length: 300 }, (_, i) =>
      addStep(big, { partner: partners[i % 10]!, label: `Stap ${i}`, x: i * 10, y: 0 }),
    );
    for (let i = 1; i < 300; i++) connectSteps(big, { from: steps[i - 1]!, to: steps[i]!, label: `Flow ${i}` });
    removeSteps(big, steps.slice(0, 20));
    for (const doc of [template, big]) {
      const update = Y.encodeStateAsUpdate(doc);
      const state = DocState.load([]);
      expect(outcome(state, update)).toBe('taken');
      // The depths take a small part of what the document does.
      const depths = StructDepths.ofUpdate(Y.decodeUpdate(update));
      expect(depths.bytes).toBeLessThan(update.byteLength / 4);
    }
  });

  it('[SV-D1] the depths of collected content are dropped at compaction once they outgrow the document', () => {
    const doc = new Y.Doc();
    const steps = doc.getMap<Y.Map<unknown>>('steps');
    const state = DocState.load([]);
    // Entity maps and their fields alternate levels 2 and 3: two runs each.
    for (let i = 0; i < 2_000; i++) {
      apply(
        state,
        captured(doc, () => {
          const m = new Y.Map<unknown>();
          steps.set(`s${i}`, m);
          m.set('label', i);
        }),
      );
    }
    apply(
      state,
      captured(doc, () => steps.clear()),
    );
    const before = state.depthBytes;
    expect(before).toBeGreaterThan(4_000 * 9);
    const { snapshot, commit } = state.compaction();
    commit();
    expect(state.depthBytes).toBeLessThan(Math.max(snapshot.byteLength, 200));
    expect(state.depthBytes).toBeLessThan(before / 10);
    // Still exact: a new entity is taken, a struct below a field value's entries refused.
    const m = new Y.Map<unknown>();
    apply(
      state,
      captured(doc, () => steps.set('again', m)),
    );
    const field = new Y.Map<unknown>();
    apply(
      state,
      captured(doc, () => m.set('field', field)),
    );
    const inner = new Y.Map<unknown>();
    apply(
      state,
      captured(doc, () => field.set('inner', inner)),
    );
    expect(
      outcome(
        state,
        captured(doc, () => inner.set('x', 1)),
      ),
    ).toBe('too-deep');
  });

  it('[SV-D1] collected content: a write into a collected map is not refused for the levels beside it', () => {
    // W makes a map that is deleted later; X puts a level-4 map elsewhere, then a level-3 map into
    // W's; Y writes into that level-3 map after its parent was deleted (it has not heard yet).
    const [w, x, y] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const state = DocState.load([]);
    const share = (from: Y.Doc, update: Uint8Array) => {
      apply(state, update);
      for (const to of [w, x, y]) if (to !== from) Y.applyUpdate(to, update);
    };
    share(
      w,
      captured(w, () => w.getMap('steps').set('doomed', new Y.Map())),
    );
    const l3 = new Y.Map<unknown>();
    share(
      x,
      captured(x, () => {
        const l2 = new Y.Map<unknown>();
        x.getMap('steps').set('live', l2);
        l2.set('m', l3);
      }),
    );
    share(
      x,
      captured(x, () => l3.set('a', new Y.Map())),
    );
    const c3 = new Y.Map<unknown>();
    share(
      x,
      captured(x, () => (x.getMap('steps').get('doomed') as Y.Map<unknown>).set('c', c3)),
    );
    apply(
      state,
      captured(w, () => w.getMap('steps').delete('doomed')),
    );
    // Compacted (the deleted map's entries collected), then loaded afresh.
    const { snapshot } = state.compaction();
    const reloaded = DocState.load([snapshot]);
    const inY = (y.getMap('steps').get('doomed') as Y.Map<unknown>).get('c') as Y.Map<unknown>;
    expect(
      outcome(
        reloaded,
        captured(y, () => inY.set('v', 1)),
      ),
    ).toBe('taken');
  });

  /** The level an integrated struct sits at (its parent chain), or 0 for a GC struct. */
  function levelOf(s: Y.Item | Y.GC): number {
    if (!(s instanceof Y.Item)) return 0;
    let level = 1;
    for (let type = s.parent as Y.AbstractType<unknown> | null; type; type = type._item?.parent as typeof type) level++;
    return level;
  }

  /** The deepest level of the items `update` holds, as the doc that made it sees them. */
  function deepestIn(doc: Y.Doc, update: Uint8Array): number {
    let deepest = 0;
    for (const s of Y.decodeUpdate(update).structs) {
      if (s instanceof Y.Item) deepest = Math.max(deepest, levelOf(Y.getItem(doc.store, s.id)));
    }
    return deepest;
  }

  /** The deepest level of any item in a document held as update bytes. */
  function deepestStored(update: Uint8Array): number {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, update);
    let deepest = 0;
    for (const structs of doc.store.clients.values()) for (const s of structs) deepest = Math.max(deepest, levelOf(s));
    doc.destroy();
    return deepest;
  }

  /** One random edit: a value, a nested map or array, or a deletion, in a map at any level up to 6. */
  function randomEdit(gen: prng.PRNG, doc: Y.Doc): void {
    const maps: Y.Map<unknown>[] = [doc.getMap('steps'), doc.getMap('flows')];
    for (let i = 0; i < maps.length; i++) {
      for (const v of maps[i]!.values()) if (v instanceof Y.Map && maps.length < 200) maps.push(v as Y.Map<unknown>);
    }
    const target = prng.oneOf(gen, maps);
    const key = `k${prng.uint32(gen, 0, 3)}`;
    switch (prng.uint32(gen, 0, 5)) {
      case 0:
      case 1:
        target.set(key, prng.word(gen, 0, 4));
        break;
      case 2:
      case 3: {
        const m = new Y.Map<unknown>();
        if (prng.bool(gen)) m.set('v', 1);
        target.set(key, m);
        break;
      }
      case 4:
        target.set(key, Y.Array.from([1, 2]));
        break;
      default:
        target.delete(key);
    }
  }

  it.each([11, 12, 13, 14])(
    '[SV-D1] seed %i: random nesting from 3 docs, reordered, merged, duplicated, with compaction and reloads: nothing deeper than level 4 is stored, nothing within it refused',
    (seed) => {
      const gen = prng.create(seed);
      const docs = Array.from({ length: 3 }, (_, i) => {
        const doc = new Y.Doc();
        doc.clientID = seed * 10 + i;
        return doc;
      });
      const queue: { update: Uint8Array; level: number }[] = [];
      for (const doc of docs) {
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'remote') queue.push({ update, level: deepestIn(doc, update) });
        });
      }
      let state = DocState.load([]);
      const log: string[] = [];
      let refused = 0;
      for (let n = 0; n < 600; n++) {
        const who = prng.uint32(gen, 0, docs.length - 1);
        randomEdit(gen, docs[who]!);
        if (prng.uint32(gen, 0, 9) === 0 && queue.length > 1) {
          // Two updates merged into one frame.
          const [a, b] = queue.splice(0, 2);
          queue.push({ update: Y.mergeUpdates([a!.update, b!.update]), level: Math.max(a!.level, b!.level) });
        }
        for (let d = prng.uint32(gen, 0, 3); d > 0 && queue.length > 0; d--) {
          const i = prng.uint32(gen, 0, queue.length - 1);
          const { update, level } = queue[i]!;
          if (prng.uint32(gen, 0, 4) > 0) queue.splice(i, 1); // else delivered again later
          const result = outcome(state, update);
          log.push(`${n}: level ${level} ${result}`);
          const why = `seed ${seed}: ${log.slice(-12).join('; ')}`;
          if (level <= MAX_STRUCT_DEPTH) expect(result, why).toBe('taken');
          else expect(['taken', 'too-deep'], why).toContain(result);
          if (result === 'too-deep') refused++;
          // Peers see what the server took (and gossip the rest among themselves).
          if (result === 'taken' && prng.bool(gen)) {
            const other = docs[prng.uint32(gen, 0, docs.length - 1)]!;
            Y.applyUpdate(other, state.update(), 'remote');
          }
        }
        if (prng.uint32(gen, 0, 49) === 0) state.compaction().commit();
        if (prng.uint32(gen, 0, 99) === 0) state = DocState.load([state.update()]);
        if (n % 100 === 99) expect(deepestStored(state.update()), `seed ${seed}`).toBeLessThanOrEqual(MAX_STRUCT_DEPTH);
      }
      expect(deepestStored(state.update())).toBeLessThanOrEqual(MAX_STRUCT_DEPTH);
      expect(refused).toBeGreaterThan(0);
    },
    60_000,
  );
});
