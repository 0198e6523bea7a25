import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  noChanges,
  ORIGINS,
  readMap,
  removePartner,
  roots,
  trackChanges,
  undoScope,
  updateStep,
  type MapChanges,
  type MapSnapshot,
} from '../src/index.js';
import { randomOp, type EditingPeer } from './random-ops.js';

/** A doc read incrementally after every batch of transactions, as the client's snapshot store does. */
class IncrementalReader {
  private changes: MapChanges = noChanges();
  snapshot: MapSnapshot;
  readonly stop: () => void;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readMap(doc);
    this.stop = trackChanges(doc, () => this.changes);
  }

  read(): { before: MapSnapshot; changes: MapChanges; after: MapSnapshot } {
    const before = this.snapshot;
    const changes = this.changes;
    this.changes = noChanges();
    this.snapshot = readMap(this.doc, { previous: before, changes });
    return { before, changes, after: this.snapshot };
  }
}

/** Entities that no transaction touched must keep their object from the previous snapshot. */
function expectKept(before: MapSnapshot, after: MapSnapshot, changes: MapChanges): void {
  for (const p of after.partners)
    if (!p.unassigned && !changes.partners.has(p.id) && before.partnerById.has(p.id))
      expect(p).toBe(before.partnerById.get(p.id));
  for (const s of after.steps)
    if (!changes.steps.has(s.id) && before.stepById.get(s.id)?.partner === s.partner && !s.partner.startsWith('~'))
      expect(s).toBe(before.stepById.get(s.id));
  for (const f of after.flows)
    if (!changes.flows.has(f.id) && before.flowById.has(f.id)) expect(f).toBe(before.flowById.get(f.id));
}

describe('readMap with a previous snapshot (SH-M10)', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    '[SH-M10] equals a full read after every batch of seeded random edits, local and remote (seed %i)',
    (seed) => {
      const gen = prng.create(seed);
      const log: string[] = [];
      const peers: EditingPeer[] = [0, 1].map(() => {
        const doc = new Y.Doc();
        return { doc, undo: new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]) }) };
      });
      const [a, b] = peers as [EditingPeer, EditingPeer];
      const reader = new IncrementalReader(b.doc);
      let sawKept = false;
      for (let round = 0; round < 300; round++) {
        // A batch: a few ops on b itself, and a few from a arriving as one remote update.
        const before = Y.encodeStateVector(b.doc);
        const ops = prng.uint32(gen, 1, 4);
        for (let i = 0; i < ops; i++) randomOp(gen, prng.bool(gen) ? a : b, log, 0);
        const sv = Y.encodeStateVector(a.doc);
        Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, before), ORIGINS.remote);
        Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, sv), ORIGINS.remote);
        const { before: prev, changes, after } = reader.read();
        expect(after, log.join('\n')).toEqual(readMap(b.doc));
        expectKept(prev, after, changes);
        sawKept ||= after.steps.some((s) => prev.stepById.get(s.id) === s);
      }
      expect(sawKept).toBe(true);
      reader.stop();
    },
  );

  it('[SH-M10] follows what peers write by hand: non-map values, nested types, orphans and dangling flows', () => {
    const doc = new Y.Doc();
    const reader = new IncrementalReader(doc);
    const r = roots(doc);
    addPartner(doc, { id: 'p', name: 'P' });
    addPartner(doc, { id: 'q', name: 'Q' });
    addStep(doc, { id: 's', partner: 'p', label: 'S', x: 0, y: 20 });
    addStep(doc, { id: 't', partner: 'q', label: 'T', x: 0, y: 20 });
    connect(doc, { id: 'f', from: 's', to: 't' });
    const check = (): void => expect(reader.read().after).toEqual(readMap(doc));
    check();
    // A nested type inside a step, written by a peer: the step is read again.
    const nested = new Y.Map<unknown>();
    r.steps.get('s')?.set('extra', nested);
    check();
    nested.set('deep', 1);
    check();
    removePartner(doc, 'q', { steps: 'reassign', to: 'p' });
    check();
    r.steps.set('junk', 'not a map' as never);
    check();
    // The step's partner disappears (written raw): it goes to the unassigned lane; the partner
    // comes back under the same id: the step returns to it though the step itself did not change.
    r.steps.get('s')?.set('partner', 'gone');
    check();
    addPartner(doc, { id: 'gone', name: 'Back' });
    expect(reader.read().after.stepById.get('s')?.partner).toBe('gone');
    r.steps.delete('t');
    check();
    expect(reader.snapshot.flows).toEqual([]);
    updateStep(doc, 's', { label: 'S2' });
    check();
    r.meta.set('title', 'Titel');
    expect(reader.read().after.meta.title).toBe('Titel');
    reader.stop();
  });

  it('[SH-M10] with changes marked all, reads everything again', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    const previous = readMap(doc);
    roots(doc).partners.get('p')?.set('name', 'Q');
    const changes = noChanges();
    expect(readMap(doc, { previous, changes }).partners[0]?.name).toBe('P');
    changes.all = true;
    expect(readMap(doc, { previous, changes }).partners[0]?.name).toBe('Q');
  });
});
