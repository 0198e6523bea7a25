import { addPartner, addStep, connect, GEOMETRY, readMap, UNASSIGNED_ID } from '@ketenkaart/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEditKit } from '../src/commands/editKit';
import * as Y from 'yjs';
import { addLane } from '../src/commands/partners';
import { copySelection, deleteSelection, paste, targetLane } from '../src/commands/selection';
import { addStepInLane, moveStepToLane } from '../src/commands/steps';
import { laneNodeId } from '../src/store/laneNodeIds';

// The commands forward to the edit kit, which an edit link loads first (CL-Z2).
beforeAll(() => loadEditKit());

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

  it('[CL-E5] changing a step’s partner puts it in a free spot of the new lane, in one transaction', () => {
    const doc = sample();
    // s3 sits in lane b at x 300; s1 moves there from lane a, at x 200, y 20: that would overlap.
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveStepToLane(doc, 's1', 'b');
    expect(transactions).toBe(1);
    const map = readMap(doc);
    const moved = map.stepById.get('s1')!;
    const other = map.stepById.get('s3')!;
    expect(moved.partner).toBe('b');
    expect(moved.x).toBe(200);
    const apart =
      moved.x + GEOMETRY.stepWidth <= other.x ||
      other.x + GEOMETRY.stepWidth <= moved.x ||
      moved.y + GEOMETRY.stepHeight <= other.y ||
      other.y + GEOMETRY.stepHeight <= moved.y;
    expect(apart).toBe(true);
    // Its flows stay; moving to a lane where its place is free keeps x and y.
    expect(map.flows.filter((f) => f.from === 's1' || f.to === 's1')).toHaveLength(1);
    moveStepToLane(doc, 's2', 'b');
    expect(readMap(doc).stepById.get('s2')).toMatchObject({ partner: 'b', x: 500, y: 20 });
  });

  it('[CL-E5] the same lane, the unassigned lane or a missing step change nothing', () => {
    const doc = sample();
    let updates = 0;
    doc.on('update', () => updates++);
    moveStepToLane(doc, 's1', 'a');
    moveStepToLane(doc, 's1', UNASSIGNED_ID);
    moveStepToLane(doc, 'nope', 'b');
    expect(updates).toBe(0);
  });
});
