import {
  addPartner,
  addStep,
  connect,
  GEOMETRY,
  moveSteps,
  readMap,
  removePartner,
  updateStep,
} from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { applyOverrides } from '../src/canvas/derive/applyOverrides';
import type { Derived, StepNode } from '../src/canvas/derive/flowTypes';
import { MapDeriver } from '../src/canvas/derive/MapDeriver';
import { laneNodeId } from '../src/store/laneNodeIds';

function sample(): Y.Doc {
  const doc = new Y.Doc();
  addPartner(doc, { id: 'wg', name: 'Werkgever', color: '#0969da' });
  addPartner(doc, { id: 'bd', name: 'Belastingdienst', color: '#1a7f37' });
  addStep(doc, { id: 's1', partner: 'wg', label: 'Opstellen', x: 200, y: 30 });
  addStep(doc, { id: 's2', partner: 'wg', label: 'Controleren', x: 450, y: 30 });
  addStep(doc, { id: 's3', partner: 'bd', label: 'Ontvangen', kind: 'decision', x: 300, y: 10 });
  connect(doc, { id: 'f1', from: 's1', to: 's2', kind: 'sequence' });
  connect(doc, { id: 'f2', from: 's2', to: 's3', label: 'Loonaangifte', status: 'problem', note: 'te laat' });
  return doc;
}

const none = { selected: new Set<string>(), editable: true };

describe('MapDeriver', () => {
  it('[CL-R1] one lane node per partner and one node per step at its absolute position', () => {
    const d = new MapDeriver().derive(readMap(sample()), none);
    expect(d.nodes.map((n) => n.id)).toEqual([laneNodeId('wg'), laneNodeId('bd'), 's1', 's2', 's3']);
    const [wg, bd] = d.bands;
    expect(wg).toMatchObject({ partner: 'wg', top: 0 });
    const s3 = d.nodes.find((n) => n.id === 's3') as StepNode;
    expect(s3.position).toEqual({ x: 300, y: (bd?.top ?? NaN) + 10 });
    expect(s3.data).toMatchObject({ kind: 'decision', partner: 'bd', color: '#1a7f37' });
    expect(s3.width).toBe(GEOMETRY.stepWidth);
    const lane = d.nodes[1];
    expect(lane?.position).toEqual({ x: 0, y: bd?.top });
    expect(lane?.height).toBe(bd?.height);
  });

  it('[CL-R2] flows become edges; a flow between lanes is marked as koppelvlak', () => {
    const d = new MapDeriver().derive(readMap(sample()), none);
    expect(d.edges.map((e) => [e.id, e.source, e.target, e.data?.koppelvlak])).toEqual([
      ['f1', 's1', 's2', false],
      ['f2', 's2', 's3', true],
    ]);
    expect(d.edges[1]?.data?.flow).toMatchObject({ label: 'Loonaangifte', status: 'problem', note: 'te laat' });
  });

  it('[CL-R3] nodes and edges that did not change keep their identity (React Flow skips them)', () => {
    const doc = sample();
    const deriver = new MapDeriver();
    const first = deriver.derive(readMap(doc), none);
    updateStep(doc, 's3', { label: 'Anders' });
    const second = deriver.derive(readMap(doc), none);
    const same = (id: string): boolean =>
      first.nodes.find((n) => n.id === id) === second.nodes.find((n) => n.id === id);
    expect(same('s1')).toBe(true);
    expect(same('s2')).toBe(true);
    expect(same(laneNodeId('wg'))).toBe(true);
    expect(same('s3')).toBe(false);
    expect(first.edges[0]).toBe(second.edges[0]);
    // The flow into the renamed step is re-made: its accessible name names both ends.
    expect(first.edges[1]).not.toBe(second.edges[1]);
    expect(second.edges[1]?.ariaLabel).toBe('Loonaangifte: Controleren → Anders');
  });

  it('[CL-R3] selecting a step replaces only that node', () => {
    const doc = sample();
    const deriver = new MapDeriver();
    const first = deriver.derive(readMap(doc), none);
    const second = deriver.derive(readMap(doc), { selected: new Set(['s1']), editable: true });
    expect(second.nodes.find((n) => n.id === 's1')?.selected).toBe(true);
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['s1']);
  });

  it('[CL-R4] a viewer gets nodes that cannot be dragged, connected or deleted', () => {
    const d = new MapDeriver().derive(readMap(sample()), { selected: new Set(), editable: false });
    for (const n of d.nodes) {
      expect(n.draggable).toBe(false);
      expect(n.connectable).toBe(false);
    }
    for (const e of d.edges) expect(e.deletable).toBe(false);
  });

  it('[CL-R5] steps of a removed partner are drawn in the unassigned lane, which cannot be dragged', () => {
    const doc = sample();
    const wg = Y.encodeStateAsUpdate(doc);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, wg);
    // A peer removes the lane's entity directly, as an old client might.
    removePartner(peer, 'bd', { steps: 'reassign', to: 'wg' });
    const d = new MapDeriver().derive(readMap(peer), none);
    expect(d.nodes.find((n) => n.id === 's3')?.position.y).toBeLessThan(d.bands[0]?.height ?? 0);
    const orphanDoc = sample();
    orphanDoc.getMap('partners').delete('bd');
    const o = new MapDeriver().derive(readMap(orphanDoc), none);
    const lane = o.nodes.find((n) => n.id === laneNodeId('~unassigned'));
    expect(lane?.draggable).toBe(false);
    expect(o.edges.map((e) => e.id)).toEqual(['f1', 'f2']);
  });

  it('[CL-R6] lanes are wide enough for the right-most step', () => {
    const doc = sample();
    addStep(doc, { partner: 'bd', label: 'ver weg', x: 5_000 });
    const d = new MapDeriver().derive(readMap(doc), none);
    expect(d.laneWidth).toBeGreaterThanOrEqual(5_000 + GEOMETRY.stepWidth);
    expect(d.nodes[0]?.width).toBe(d.laneWidth);
  });
});

describe('applyOverrides', () => {
  it('[CL-R7] dragged nodes take their local position; a dragged lane carries its steps; others keep identity', () => {
    const d = new MapDeriver().derive(readMap(sample()), none);
    const lane = d.nodes.find((n) => n.id === laneNodeId('bd'))!;
    const out = applyOverrides(
      d.nodes,
      new Map([
        [laneNodeId('bd'), { x: 0, y: lane.position.y - 100 }],
        ['s1', { x: 999, y: 5 }],
      ]),
    );
    const byId = new Map(out.map((n) => [n.id, n]));
    expect(byId.get('s1')?.position).toEqual({ x: 999, y: 5 });
    const s3Before = d.nodes.find((n) => n.id === 's3')!;
    expect(byId.get('s3')?.position.y).toBe(s3Before.position.y - 100);
    expect(byId.get('s2')).toBe(d.nodes.find((n) => n.id === 's2'));
    expect(applyOverrides(d.nodes, new Map())).toBe(d.nodes);
  });
});

describe('MapDeriver during a drag', () => {
  it('[CL-R9] a doc update that only moves the dragged steps changes no node, edge or array', () => {
    const doc = sample();
    const deriver = new MapDeriver();
    const dragging = new Set(['s1']);
    const first = deriver.derive(readMap(doc), { ...none, dragging });
    moveSteps(doc, [{ id: 's1', x: 260, y: 40 }]);
    const second = deriver.derive(readMap(doc), { ...none, dragging });
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
    const after = deriver.derive(readMap(doc), none);
    expect(after.nodes.find((n) => n.id === 's1')?.position.x).toBe(260);
  });

  it('[CL-R9] unchanged content gives the same arrays', () => {
    const doc = sample();
    const deriver = new MapDeriver();
    const first = deriver.derive(readMap(doc), none);
    const second = deriver.derive(readMap(doc), none);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
  });
});

/** A seeded crowded map: steps close together in three lanes, each linked to a few earlier ones. */
function crowded(seed: number, steps: number): Y.Doc {
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  for (const id of ['a', 'b', 'c']) addPartner(doc, { id, name: id, color: '#0969da' });
  for (let i = 0; i < steps; i++) {
    const label = `Stap ${i} ${prng.word(gen, 2, 30)}`;
    const partner = prng.oneOf(gen, ['a', 'b', 'c']);
    addStep(doc, { id: `s${i}`, partner, label, x: 200 + i * 60, y: 20 + prng.uint32(gen, 0, 3) * 60 });
    if (i > 0) connect(doc, { id: `f${i}`, from: `s${prng.uint32(gen, Math.max(0, i - 6), i - 1)}`, to: `s${i}` });
  }
  return doc;
}

const drawn = (d: Derived) =>
  d.edges.map((e) => {
    const g = d.routes.get(e.id);
    return { id: e.id, route: g?.route, from: g?.fromSize, to: g?.toSize };
  });

describe('MapDeriver routes', () => {
  it('[CL-R16] after any sequence of edits and drags it draws every flow as a fresh deriver would', () => {
    for (const seed of [1, 2, 3]) {
      const gen = prng.create(seed);
      const doc = crowded(seed, 40);
      const deriver = new MapDeriver();
      deriver.derive(readMap(doc), none);
      for (let round = 0; round < 40; round++) {
        const id = `s${prng.uint32(gen, 0, 39)}`;
        const { x, y } = readMap(doc).stepById.get(id) ?? { x: 0, y: 0 };
        const what = prng.uint32(gen, 0, 5);
        let options: { selected: Set<string>; editable: boolean; dragging?: Set<string> } = none;
        if (what === 0 || what === 4) moveSteps(doc, [{ id, x: x + prng.int32(gen, -600, 600), y }]);
        if (what === 1 || what === 5)
          updateStep(doc, id, { label: `Nieuw ${prng.word(gen, 0, what === 1 ? 12 : 40)}` });
        if (what === 2) moveSteps(doc, [{ id, x, y: prng.uint32(gen, 0, 3) * 60 + 20 }]);
        if (what === 3) options = { ...none, dragging: new Set([id]) };
        const incremental = deriver.derive(readMap(doc), options);
        const fresh = new MapDeriver().derive(readMap(doc), options);
        expect(drawn(incremental), `seed ${seed}, round ${round}`).toEqual(drawn(fresh));
      }
    }
  });

  it('[CL-R16] [CL-R18] moving one step re-draws only flows whose route changed, and keeps every edge object', () => {
    const doc = crowded(7, 60);
    const deriver = new MapDeriver();
    const first = deriver.derive(readMap(doc), none);
    const geometry = new Map(first.edges.map((e) => [e.id, first.routes.get(e.id)]));
    const s30 = readMap(doc).stepById.get('s30');
    moveSteps(doc, [{ id: 's30', x: (s30?.x ?? 0) + 30, y: s30?.y ?? 0 }]);
    const second = deriver.derive(readMap(doc), none);
    const before = new Map(first.edges.map((e) => [e.id, e]));
    let own = 0;
    for (const e of second.edges) {
      const old = geometry.get(e.id);
      const now = second.routes.get(e.id);
      // A re-route alone leaves React Flow's edge as it was.
      expect(e, e.id).toBe(before.get(e.id));
      const ownFlow = e.source === 's30' || e.target === 's30';
      if (ownFlow) {
        own++;
        expect(now).not.toBe(old);
      } else if (JSON.stringify(now?.route) === JSON.stringify(old?.route)) expect(now, e.id).toBe(old);
    }
    expect(own).toBeGreaterThan(0);
    expect(second.edges).toBe(first.edges);
    // Far from the moved step nothing is drawn anew.
    expect(second.routes.get('f2')).toBe(geometry.get('f2'));
    expect(second.routes.get('f55')).toBe(geometry.get('f55'));
  });
});

describe('MapDeriver flow ends', () => {
  it('[SH-R3] [CL-R2] on the canvas no two flows end at the same point of a step (seeded maps with several flows into a step)', () => {
    for (const seed of [4, 5, 6]) {
      const gen = prng.create(seed);
      const doc = crowded(seed, 30);
      // More flows into and out of the same steps: each a second way in from further back.
      for (let i = 3; i < 30; i += 2)
        connect(doc, { id: `g${i}`, from: `s${prng.uint32(gen, 0, i - 2)}`, to: `s${i}` });
      const map = readMap(doc);
      const derived = new MapDeriver().derive(map, none);
      const at = new Map<string, string>();
      let shared = 0;
      for (const f of map.flows) {
        const points = derived.routes.get(f.id)!.route.points;
        for (const [key, p] of [
          [`${f.to} in`, points.at(-1)!],
          [`${f.from} out`, points[0]!],
        ] as const) {
          const spot = `${key} ${Math.round(p.y)}`;
          expect(at.get(spot), `seed ${seed}: ${f.id} ends where ${at.get(spot)} does (${spot})`).toBeUndefined();
          at.set(spot, f.id);
          if ([...at.keys()].some((k) => k !== spot && k.startsWith(`${key} `))) shared++;
        }
      }
      expect(shared).toBeGreaterThan(5);
    }
  });
});

describe('RouteStore', () => {
  it('[CL-R18] tells a drawn flow once, after the derive, and only when its own geometry changed', () => {
    const doc = crowded(3, 30);
    const deriver = new MapDeriver();
    deriver.derive(readMap(doc), none);
    const store = deriver.routeStore;
    store.publish();
    const told: string[] = [];
    const stop = ['f5', 'f20', 'f29'].map((id) => store.subscribe(id, () => told.push(id)));
    const s20 = readMap(doc).stepById.get('s20');
    moveSteps(doc, [{ id: 's20', x: (s20?.x ?? 0) + 25, y: s20?.y ?? 0 }]);
    const before = store.get('f5');
    deriver.derive(readMap(doc), none);
    expect(told).toEqual([]);
    store.publish();
    expect(told).toEqual(['f20']);
    expect(store.get('f5')).toBe(before);
    store.publish();
    expect(told).toEqual(['f20']);
    for (const s of stop) s();
  });
});
