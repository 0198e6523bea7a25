import {
  addPartner,
  addStep,
  connect,
  laneBands,
  moveSteps,
  noChanges,
  readMap,
  removeSteps,
  trackChanges,
  updateStep,
  type MapChanges,
  type MapSnapshot,
} from '@ketenkaart/shared';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LaneLayoutCache } from '../src/canvas/derive/laneLayout';
import type { Derived } from '../src/canvas/derive/flowTypes';
import { MapDeriver } from '../src/canvas/derive/MapDeriver';

/** Reads the doc incrementally after each edit, as the snapshot store does (SH-M10). */
function reader(doc: Y.Doc): () => MapSnapshot {
  let changes: MapChanges = noChanges();
  let snapshot = readMap(doc);
  trackChanges(doc, () => changes);
  return () => {
    const previous = snapshot;
    snapshot = readMap(doc, { previous, changes });
    changes = noChanges();
    return snapshot;
  };
}

function seeded(gen: prng.PRNG): Y.Doc {
  const doc = new Y.Doc();
  for (const id of ['a', 'b', 'c', 'd']) addPartner(doc, { id, name: id });
  for (let i = 0; i < 60; i++) {
    addStep(doc, {
      id: `s${i}`,
      partner: prng.oneOf(gen, ['a', 'b', 'c', 'd']),
      label: `Stap ${i} ${prng.word(gen, 0, 40)}`,
      x: prng.uint32(gen, 0, 4000),
      y: prng.uint32(gen, 0, 200),
    });
  }
  return doc;
}

describe('LaneLayoutCache', () => {
  it.each([1, 2, 3, 4])(
    '[CL-R20] seed %i: after every edit equals laneBands and fresh boxes, and keeps what did not change',
    (seed) => {
      const gen = prng.create(seed);
      const doc = seeded(gen);
      const read = reader(doc);
      const cache = new LaneLayoutCache();
      let before = cache.update(read());
      for (let round = 0; round < 150; round++) {
        const id = `s${prng.uint32(gen, 0, 59)}`;
        const step = readMap(doc).stepById.get(id);
        const what = prng.uint32(gen, 0, 9);
        if (what < 5 && step) moveSteps(doc, [{ id, x: step.x + prng.int32(gen, -300, 300), y: step.y }]);
        else if (what < 7 && step) moveSteps(doc, [{ id, x: step.x, y: prng.uint32(gen, 0, 400) }]);
        else if (what < 8) updateStep(doc, id, { label: prng.word(gen, 0, 80) });
        else if (what < 9)
          moveSteps(doc, [{ id, x: step?.x ?? 0, y: step?.y ?? 0, partner: prng.oneOf(gen, ['a', 'b', 'c', 'd']) }]);
        else removeSteps(doc, [id]);
        const map = read();
        const after = cache.update(map);
        const fresh = new LaneLayoutCache().update(map);
        expect(after.bands, `round ${round}`).toEqual(laneBands(map));
        expect(after.boxes).toEqual(fresh.boxes);
        // Unchanged lanes keep the array; unchanged boxes keep their object; `moved` names the rest.
        if (JSON.stringify(after.bands) === JSON.stringify(before.bands)) expect(after.bands).toBe(before.bands);
        const changed = new Set(after.moved);
        for (const [sid, box] of after.boxes) {
          if (changed.has(sid)) expect(before.boxes.get(sid), sid).not.toEqual(box);
          else expect(before.boxes.get(sid), sid).toBe(box);
        }
        for (const sid of before.boxes.keys()) if (!after.boxes.has(sid)) expect(changed.has(sid)).toBe(true);
        before = after;
      }
    },
  );

  it('[CL-R20] a remote move of one step makes one new box and keeps the bands', () => {
    const doc = seeded(prng.create(9));
    const read = reader(doc);
    const deriver = new MapDeriver();
    const first = deriver.derive(read(), { selected: new Set(), editable: true });
    const s = readMap(doc).stepById.get('s5')!;
    moveSteps(doc, [{ id: 's5', x: s.x + 40, y: s.y }]);
    const second = deriver.derive(read(), { selected: new Set(), editable: true });
    expect(second.bands).toBe(first.bands);
    const changedNodes = second.nodes.filter((n, i) => n !== first.nodes[i]);
    expect(changedNodes.map((n) => n.id)).toEqual(['s5']);
  });

  it.each([5, 6, 7])(
    '[CL-R20] seed %i: a deriver fed incremental snapshots, selections and drags draws what a fresh one draws',
    (seed) => {
      const gen = prng.create(seed);
      const doc = seeded(gen);
      for (let i = 1; i < 60; i++) connect(doc, { id: `f${i}`, from: `s${prng.uint32(gen, 0, i - 1)}`, to: `s${i}` });
      const read = reader(doc);
      const deriver = new MapDeriver();
      const drawn = (d: Derived) => ({
        nodes: d.nodes,
        edges: d.edges,
        bands: d.bands,
        // What is drawn of each flow (a flow whose route came out the same keeps its geometry
        // object, obstacles as they were: CL-R16).
        routes: d.edges.map((e) => {
          const g = d.routes.get(e.id);
          return { route: g?.route, from: g?.fromSize, to: g?.toSize };
        }),
      });
      deriver.derive(read(), { selected: new Set(), editable: true });
      for (let round = 0; round < 120; round++) {
        const id = `s${prng.uint32(gen, 0, 59)}`;
        const step = readMap(doc).stepById.get(id);
        const what = prng.uint32(gen, 0, 7);
        if (what < 3 && step) moveSteps(doc, [{ id, x: step.x + prng.int32(gen, -300, 300), y: step.y }]);
        else if (what < 4) updateStep(doc, id, { label: prng.word(gen, 0, 60) });
        else if (what < 5 && step)
          moveSteps(doc, [{ id, x: step.x, y: step.y, partner: prng.oneOf(gen, ['a', 'b', 'c', 'd']) }]);
        const options = {
          selected: new Set(what === 5 ? [id, `f${prng.uint32(gen, 1, 59)}`] : []),
          editable: what !== 6,
          ...(what === 7 ? { dragging: new Set([id]) } : {}),
        };
        const map = read();
        expect(drawn(deriver.derive(map, options)), `seed ${seed}, round ${round}`).toEqual(
          drawn(new MapDeriver().derive(map, options)),
        );
      }
    },
  );
});
