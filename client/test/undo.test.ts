import {
  addPartner,
  addStep,
  connect,
  moveSteps,
  ORIGINS,
  readMap,
  removePartner,
  updateStep,
} from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UndoController } from '../src/session/undo/UndoController';

/** Two docs kept in sync the way the provider does it: remote updates arrive with a non-local origin. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-b' && Y.applyUpdate(b, u, 'from-a'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-a' && Y.applyUpdate(a, u, 'from-b'));
  return [a, b];
}

describe('UndoController', () => {
  it('[CL-U1] undoes only my own changes, never a remote participant’s', () => {
    const [mine, theirs] = pair();
    const undo = new UndoController(mine, 0);
    const lane = addPartner(theirs, { id: 'p1', name: 'UWV' });
    const myStep = addStep(mine, { partner: lane, label: 'mijn stap' });
    addStep(theirs, { id: 's-theirs', partner: lane, label: 'hun stap' });
    expect(undo.getState().canUndo).toBe(true);
    undo.undo();
    const map = readMap(mine);
    expect(map.stepById.has(myStep)).toBe(false);
    expect(map.stepById.has('s-theirs')).toBe(true);
    expect(map.partnerById.has('p1')).toBe(true);
    expect(undo.undo()).toBe(false);
    expect(readMap(theirs).stepById.has('s-theirs')).toBe(true);
  });

  it('[CL-U1] ignores changes from imports', () => {
    const doc = new Y.Doc();
    const undo = new UndoController(doc, 0);
    addPartner(doc, { name: 'CBS' }, ORIGINS.import);
    expect(undo.getState().canUndo).toBe(false);
  });

  it('[CL-U2] undoing the removal of a lane brings back its steps and flows', () => {
    const doc = new Y.Doc();
    const a = addPartner(doc, { id: 'a', name: 'Werkgever' });
    const b = addPartner(doc, { id: 'b', name: 'Belastingdienst' });
    const s1 = addStep(doc, { id: 's1', partner: a, label: 'Loonaangifte opstellen' });
    const s2 = addStep(doc, { id: 's2', partner: b, label: 'Loonaangifte ontvangen' });
    const s3 = addStep(doc, { id: 's3', partner: a, label: 'Salaris bijwerken' });
    connect(doc, { id: 'f1', from: s1, to: s2, label: 'Loonaangifte' });
    connect(doc, { id: 'f2', from: s3, to: s1 });
    const before = readMap(doc);
    const undo = new UndoController(doc, 0);
    removePartner(doc, a, { steps: 'remove' });
    expect(readMap(doc).steps.map((s) => s.id)).toEqual(['s2']);
    undo.undo();
    const after = readMap(doc);
    expect(after.partners.map((p) => p.id)).toEqual(before.partners.map((p) => p.id));
    expect(after.steps.map((s) => `${s.id}@${s.partner}`).sort()).toEqual(
      before.steps.map((s) => `${s.id}@${s.partner}`).sort(),
    );
    expect(after.flows.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(after.flowById.get('f1')?.label).toBe('Loonaangifte');
  });

  it('[CL-U3] a drag gesture undoes as one step, however long it takes', () => {
    const doc = new Y.Doc();
    const p = addPartner(doc, { name: 'UWV' });
    const s = addStep(doc, { partner: p, label: 'x', x: 0, y: 0 });
    const undo = new UndoController(doc, 0);
    updateStep(doc, s, { label: 'y' });
    undo.beginGesture();
    for (let i = 1; i <= 30; i++) moveSteps(doc, [{ id: s, x: i * 10, y: i }]);
    undo.endGesture();
    expect(readMap(doc).stepById.get(s)?.x).toBe(300);
    undo.undo();
    expect(readMap(doc).stepById.get(s)).toMatchObject({ x: 0, y: 0, label: 'y' });
    undo.undo();
    expect(readMap(doc).stepById.get(s)?.label).toBe('x');
    undo.redo();
    undo.redo();
    expect(readMap(doc).stepById.get(s)).toMatchObject({ x: 300, label: 'y' });
  });

  it('[CL-U4] notifies listeners when undo or redo becomes possible', () => {
    const doc = new Y.Doc();
    const undo = new UndoController(doc, 0);
    const seen: string[] = [];
    undo.subscribe(() => seen.push(`${undo.getState().canUndo}/${undo.getState().canRedo}`));
    addPartner(doc, { name: 'CBS' });
    undo.undo();
    expect(seen).toEqual(['true/false', 'false/true']);
  });
});
