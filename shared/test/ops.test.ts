import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  disconnect,
  ModelError,
  movePartner,
  moveSteps,
  moveStepToPartner,
  ORIGINS,
  readMap,
  removePartner,
  removeSteps,
  reorderPartners,
  roots,
  undoScope,
  updateFlow,
  updateMeta,
  updatePartner,
  updateStep,
} from '../src/index.js';
import { countUpdates } from './helpers.js';

function twoLanes() {
  const doc = new Y.Doc();
  const a = addPartner(doc, { id: 'a', name: 'Werkgever' });
  const b = addPartner(doc, { id: 'b', name: 'Belastingdienst' });
  const s1 = addStep(doc, { id: 's1', partner: a, label: 'Opstellen', x: 10, y: 20 });
  const s2 = addStep(doc, { id: 's2', partner: b, label: 'Ontvangen', x: 300, y: 20 });
  const f = connect(doc, { id: 'f1', from: s1, to: s2, label: 'Loonaangifte' });
  return { doc, a, b, s1, s2, f };
}

describe('operations', () => {
  it('[SH-M1][SH-M2] stores each entity as a nested Y.Map with one key per field', () => {
    const { doc } = twoLanes();
    const step = roots(doc).steps.get('s1');
    expect(step).toBeInstanceOf(Y.Map);
    expect(step?.toJSON()).toEqual({
      partner: 'a',
      label: 'Opstellen',
      kind: 'activity',
      description: '',
      contact: '',
      x: 10,
      y: 20,
    });
  });

  it('[SH-M2] concurrent edits of different fields of one step both survive', () => {
    const { doc } = twoLanes();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    updateStep(doc, 's1', { label: 'Nieuw label' });
    updateStep(other, 's1', { contact: 'Team Loon' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    for (const d of [doc, other]) {
      const s = readMap(d).stepById.get('s1');
      expect(s?.label).toBe('Nieuw label');
      expect(s?.contact).toBe('Team Loon');
    }
  });

  it('[SH-O1] every operation is one transaction with the given origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const a = addPartner(doc, { name: 'A' });
    addStep(doc, { partner: a, label: 'x' }, ORIGINS.layout);
    updateMeta(doc, { title: 'T' }, ORIGINS.import);
    expect(origins).toEqual([ORIGINS.local, ORIGINS.layout, ORIGINS.import]);
  });

  it('[SH-O1] invalid input throws ModelError and writes nothing', () => {
    const { doc } = twoLanes();
    const before = Y.encodeStateAsUpdate(doc);
    const attempts = [
      () => addPartner(doc, { name: '' }),
      () => addPartner(doc, { name: 'x', color: 'red' }),
      () => addStep(doc, { partner: 'nope', label: 'x' }),
      () => addStep(doc, { partner: 'a', label: 'x', x: Number.NaN }),
      () => addStep(doc, { partner: 'a', label: 'x', kind: 'weird' as never }),
      () => addStep(doc, { id: 's1', partner: 'a', label: 'dup' }),
      () => connect(doc, { from: 's1', to: 's1' }),
      () => connect(doc, { from: 's1', to: 'missing' }),
      () => updateStep(doc, 's1', { label: 'x'.repeat(301) }),
      () => updateFlow(doc, 'f1', { status: 'broken' as never }),
      () => moveSteps(doc, [{ id: 's1', x: Infinity, y: 0 }]),
      () => moveSteps(doc, [{ id: 's1', x: 0, y: 0, partner: 'nope' }]),
      () => removePartner(doc, 'a', { steps: 'reassign', to: 'a' }),
      () => updateMeta(doc, { title: 'x'.repeat(201) }),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(ModelError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('[SH-O2] a new partner goes below the others', () => {
    const { doc } = twoLanes();
    addPartner(doc, { id: 'c', name: 'UWV' });
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('[SH-O3] removing a partner with steps: remove cascades to the steps and their flows', () => {
    const { doc } = twoLanes();
    removePartner(doc, 'a', { steps: 'remove' });
    expect(roots(doc).steps.has('s1')).toBe(false);
    expect(roots(doc).flows.has('f1')).toBe(false);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['b']);
  });

  it('[SH-O3] removing a partner with steps: reassign moves them and keeps the flows', () => {
    const { doc } = twoLanes();
    removePartner(doc, 'a', { steps: 'reassign', to: 'b' });
    const map = readMap(doc);
    expect(map.stepById.get('s1')?.partner).toBe('b');
    expect(map.flowById.has('f1')).toBe(true);
  });

  it('[SH-O4] reorderPartners and movePartner change the lane order', () => {
    const { doc } = twoLanes();
    addPartner(doc, { id: 'c', name: 'C' });
    reorderPartners(doc, ['c', 'a']);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['c', 'a', 'b']);
    movePartner(doc, 'b', 0);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['b', 'c', 'a']);
    movePartner(doc, 'b', 1);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['c', 'b', 'a']);
    movePartner(doc, 'c', 99);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('[SH-O4] concurrent moves of different lanes both take effect', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) addPartner(doc, { id, name: id });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    movePartner(doc, 'd', 0);
    movePartner(other, 'a', 3);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('[SH-O4] repeated halving falls back to renumbering and keeps the order exact', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addPartner(doc, { id, name: id });
    for (let i = 0; i < 80; i++) {
      movePartner(doc, i % 2 ? 'b' : 'c', 1);
      const ids = readMap(doc).partners.map((p) => p.id);
      expect(ids[0]).toBe('a');
      expect(ids[1]).toBe(i % 2 ? 'b' : 'c');
    }
  });

  it('[SH-M4][SH-O6] moving steps: several at once, across lanes, y relative to the new lane', () => {
    const { doc } = twoLanes();
    expect(
      moveSteps(doc, [
        { id: 's1', x: 50.4, y: 60.6, partner: 'b' },
        { id: 's2', x: 400, y: 10 },
        { id: 'gone', x: 1, y: 1 },
      ]),
    ).toBe(2);
    const map = readMap(doc);
    expect(map.stepById.get('s1')).toMatchObject({ partner: 'b', x: 50, y: 61 });
    expect(map.stepById.get('s2')).toMatchObject({ partner: 'b', x: 400, y: 10 });
    expect(moveStepToPartner(doc, 's2', 'a')).toBe(true);
    expect(readMap(doc).stepById.get('s2')).toMatchObject({ partner: 'a', x: 400, y: 10 });
  });

  it('[SH-O6] a move that changes nothing writes nothing', () => {
    const { doc } = twoLanes();
    const n = countUpdates(doc, () => moveSteps(doc, [{ id: 's1', x: 10, y: 20 }]));
    expect(n).toBe(0);
  });

  it('[SH-M5] one step move is a small update (at most 64 bytes)', () => {
    const { doc } = twoLanes();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    moveSteps(doc, [{ id: 's1', x: 1234, y: 567 }]);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.byteLength).toBeLessThanOrEqual(64);
  });

  it('[SH-O7] removing steps removes their flows too', () => {
    const { doc } = twoLanes();
    expect(removeSteps(doc, ['s2', 'nope'])).toBe(1);
    expect(roots(doc).flows.size).toBe(0);
    expect(removeSteps(doc, ['nope'])).toBe(0);
  });

  it('[SH-O8] connect, update and disconnect flows', () => {
    const { doc } = twoLanes();
    updateFlow(doc, 'f1', { status: 'problem', note: 'komt te laat' });
    expect(readMap(doc).flowById.get('f1')).toMatchObject({
      status: 'problem',
      note: 'komt te laat',
      kind: 'document',
    });
    expect(disconnect(doc, ['f1', 'zz'])).toBe(1);
    expect(readMap(doc).flows).toHaveLength(0);
  });

  it('[SH-O9] updates of removed entities return false and write nothing', () => {
    const { doc } = twoLanes();
    const n = countUpdates(doc, () => {
      expect(updateStep(doc, 'zz', { label: 'x' })).toBe(false);
      expect(updateFlow(doc, 'zz', { label: 'x' })).toBe(false);
      expect(updatePartner(doc, 'zz', { name: 'x' })).toBe(false);
      expect(removePartner(doc, 'zz', { steps: 'remove' })).toBe(false);
      expect(moveStepToPartner(doc, 'zz', 'a')).toBe(false);
    });
    expect(n).toBe(0);
  });

  it('[SH-U1] undo tracks only local changes and restores a removed lane with its steps and flows', () => {
    const { doc } = twoLanes();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]) });
    removePartner(doc, 'a', { steps: 'remove' });
    updatePartner(peer, 'b', { name: 'Belastingdienst (peer)' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), ORIGINS.remote);
    undo.undo();
    const map = readMap(doc);
    expect(map.partnerById.get('a')?.name).toBe('Werkgever');
    expect(map.stepById.get('s1')?.label).toBe('Opstellen');
    expect(map.flowById.get('f1')?.label).toBe('Loonaangifte');
    expect(map.partnerById.get('b')?.name).toBe('Belastingdienst (peer)');
    expect(undo.canUndo()).toBe(false);
  });
});
