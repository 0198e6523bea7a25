import { addPartner, addStep, connect, readMap } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLane } from '../src/commands/partners';
import { copySelection, deleteSelection, paste, targetLane } from '../src/commands/selection';
import { addStepInLane } from '../src/commands/steps';
import { laneNodeId } from '../src/store/laneNodeIds';

function sample(): Y.Doc {
  const doc = new Y.Doc();
  addPartner(doc, { id: 'a', name: 'A' });
  addPartner(doc, { id: 'b', name: 'B' });
  addStep(doc, { id: 's1', partner: 'a', label: 'een', x: 200, y: 20 });
  addStep(doc, { id: 's2', partner: 'a', label: 'twee', x: 500, y: 20 });
  addStep(doc, { id: 's3', partner: 'b', label: 'drie', x: 300, y: 20 });
  connect(doc, { id: 'f1', from: 's1', to: 's2', label: 'doc' });
  connect(doc, { id: 'f2', from: 's2', to: 's3' });
  return doc;
}

describe('editor commands', () => {
  it('[CL-E1] copy and paste make new steps with the flows among them, in one transaction', () => {
    const doc = sample();
    const clip = copySelection(readMap(doc), new Set(['s1', 's2']));
    expect(clip?.flows.map((f) => f.id)).toEqual(['f1']);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const ids = paste(doc, clip!, 'b');
    expect(transactions).toBe(1);
    const map = readMap(doc);
    expect(ids).toHaveLength(2);
    const copies = ids.map((id) => map.stepById.get(id)!);
    expect(copies.map((s) => [s.label, s.partner, s.x])).toEqual([
      ['een', 'a', 240],
      ['twee', 'a', 540],
    ]);
    expect(map.flows.filter((f) => f.from === ids[0] && f.to === ids[1]).map((f) => f.label)).toEqual(['doc']);
  });

  it('[CL-E2] delete removes selected steps with their flows and selected flows, never lanes', () => {
    const doc = sample();
    deleteSelection(doc, new Set(['s1', 'f2', laneNodeId('b')]));
    const map = readMap(doc);
    expect(map.steps.map((s) => s.id).sort()).toEqual(['s2', 's3']);
    expect(map.flows).toHaveLength(0);
    expect(map.partners).toHaveLength(2);
  });

  it('[CL-E3] a new step goes to the lane of the selection, right of the lane’s steps', () => {
    const doc = sample();
    const map = readMap(doc);
    expect(targetLane(map, new Set(['s3']))).toBe('b');
    expect(targetLane(map, new Set([laneNodeId('b')]))).toBe('b');
    expect(targetLane(map, new Set())).toBe('a');
    const id = addStepInLane(doc, 'a', 'nieuw');
    expect(readMap(doc).stepById.get(id)?.x).toBeGreaterThan(500);
  });

  it('[CL-E4] new lanes get different colours', () => {
    const doc = new Y.Doc();
    const a = addLane(doc, 'A');
    const b = addLane(doc, 'B');
    const map = readMap(doc);
    expect(map.partnerById.get(a)?.color).not.toBe(map.partnerById.get(b)?.color);
  });
});
