/**
 * The structure-depth check (rule SV-D1) on a room's document: what is refused, what is taken,
 * the inherited-parent and held-back paths, documents stored before the check, and the memory the
 * depths take. The same check through real sockets: `nested-bomb.test.ts`.
 */
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

  it('[SV-D1] a chain in one update is refused; so is one held back, once what it waits for arrives', () => {
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

    // Level 5 arrives before levels 2-4 of the same client: held back (SV-P8), then refused
    // together with them when they come; nothing of either is in the document.
    const other = new Y.Doc();
    const [l2, l3, l4, l5] = levels(other, 4);
    const state = DocState.load([]);
    expect(outcome(state, l5!)).toBe('taken');
    expect(state.heldBytes).toBeGreaterThan(0);
    expect(outcome(state, Y.mergeUpdates([l2!, l3!, l4!]))).toBe('too-deep');
    expect(Y.decodeStateVector(state.stateVector).size).toBe(0);
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
});
