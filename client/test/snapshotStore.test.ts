import { addPartner, addStep } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SnapshotStore } from '../src/sync/SnapshotStore';

describe('SnapshotStore', () => {
  it('[S1] recomputes the snapshot once per frame however many updates arrive', () => {
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
