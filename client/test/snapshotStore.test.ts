import { addPartner, addStep, moveSteps, readMap } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SnapshotStore } from '../src/session/snapshots/SnapshotStore';

describe('SnapshotStore', () => {
  it('[CL-S1] recomputes the snapshot once for all updates that arrive together', () => {
    const doc = new Y.Doc();
    const frames: (() => void)[] = [];
    const store = new SnapshotStore(doc, (fn) => {
      frames.push(fn);
      return () => frames.splice(frames.indexOf(fn), 1);
    });
    let notified = 0;
    store.subscribe(() => notified++);
    const first = store.getSnapshot();
    const p = addPartner(doc, { name: 'UWV' });
    for (let i = 0; i < 50; i++) addStep(doc, { partner: p, label: `s${i}` });
    expect(store.getSnapshot()).toBe(first);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(notified).toBe(1);
    expect(store.getSnapshot().steps).toHaveLength(50);
    store.destroy();
  });
});

describe('SnapshotStore during a local drag', () => {
  it('[CL-S2] holds back local updates, not remote ones, and catches up when released', () => {
    const doc = new Y.Doc();
    const frames: (() => void)[] = [];
    const store = new SnapshotStore(doc, (fn) => {
      frames.push(fn);
      return () => frames.splice(frames.indexOf(fn), 1);
    });
    const p = addPartner(doc, { name: 'UWV' });
    frames.shift()?.();
    store.holdLocal(true);
    addStep(doc, { partner: p, label: 'lokaal' });
    expect(frames).toHaveLength(0);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    addStep(peer, { partner: p, label: 'remote' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'remote');
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(store.getSnapshot().steps).toHaveLength(2);
    addStep(doc, { partner: p, label: 'nog een' });
    store.holdLocal(false);
    expect(store.getSnapshot().steps).toHaveLength(3);
    store.destroy();
  });
});

describe('SnapshotStore reads only what changed', () => {
  it('[CL-R17] a remote edit of one step makes a new object for that step only, equal to a full read', () => {
    const doc = new Y.Doc();
    const frames: (() => void)[] = [];
    const store = new SnapshotStore(doc, (fn) => {
      frames.push(fn);
      return () => frames.splice(frames.indexOf(fn), 1);
    });
    const p = addPartner(doc, { name: 'UWV' });
    const ids = Array.from({ length: 20 }, (_, i) => addStep(doc, { partner: p, label: `s${i}`, x: i * 200 }));
    frames.shift()?.();
    const before = store.getSnapshot();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const moved = ids[7] as string;
    moveSteps(peer, [{ id: moved, x: 1450, y: 40 }]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), 'remote');
    frames.shift()?.();
    const after = store.getSnapshot();
    expect(after).toEqual(readMap(doc));
    expect(after.stepById.get(moved)).toMatchObject({ x: 1450, y: 40 });
    for (const id of ids) {
      if (id === moved) expect(after.stepById.get(id)).not.toBe(before.stepById.get(id));
      else expect(after.stepById.get(id)).toBe(before.stepById.get(id));
    }
    expect(after.partners[0]).toBe(before.partners[0]);
    store.destroy();
  });
});
