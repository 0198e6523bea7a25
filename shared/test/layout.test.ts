import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CrossingCounter } from '../src/layout/crossings.js';
import { newEntity, roots } from '../src/model/doc.js';
import { createNodeElk } from '../src/node-elk.js';
import {
  addPartner,
  addStep,
  applyLayout,
  fixedSizeOf,
  IMPORT_LAYOUT_MAX_STEPS,
  layoutOnImport,
  parseMapFile,
  stepBox,
  buildElkGraph,
  connect,
  DEFAULT_SPACING,
  defaultSizeOf,
  type ElkEngine,
  type ElkGraph,
  GEOMETRY,
  laneLayout,
  type LayoutOptions,
  type LayoutResult,
  layoutSnapshot,
  type MapSnapshot,
  moveSteps,
  ORIGINS,
  readMap,
  undoScope,
  UNASSIGNED_ID,
} from '../src/index.js';
import { countUpdates, fixtureDoc } from './helpers.js';
import {
  drawn,
  generateDoc,
  growingSize,
  type MapShape,
  outsideDrawnLane,
  outsideLane,
  overlaps,
  scramble,
  withSeed,
} from './layout-maps.js';

// ELK runs for real (elkjs's bundled build, as on the server); a layout of these maps takes up
// to a few seconds on a busy machine.
const SLOW = { timeout: 120_000 };
const elk = createNodeElk();

/** Seeds that once failed: listed here, they run on every test run. */
const REGRESSION_SEEDS: readonly number[] = [];
const SHAPES: readonly MapShape[] = [1, 2, 3, 4, 5, ...REGRESSION_SEEDS].map((seed) => ({
  steps: 25 + 15 * (seed % 5),
  partners: 2 + (seed % 6),
  seed,
  odd: seed % 2 === 0,
}));

interface Case {
  readonly shape: MapShape;
  readonly map: MapSnapshot;
  readonly result: LayoutResult;
}

async function layOut(doc: Y.Doc, options: LayoutOptions = {}): Promise<LayoutResult> {
  return layoutSnapshot(readMap(doc), elk, options);
}

const xy = (map: MapSnapshot): Record<string, [number, number]> =>
  Object.fromEntries(map.steps.map((s) => [s.id, [s.x, s.y]]));

describe('lane layout of generated maps', SLOW, () => {
  const cases: Case[] = [];
  beforeAll(async () => {
    for (const shape of SHAPES) {
      const map = readMap(generateDoc(shape));
      cases.push({ shape, map, result: await layoutSnapshot(map, elk, { sizeOf: growingSize }) });
    }
  }, 600_000);

  it('[SH-LY9] places every step of the map, orphans included, in whole pixels', () => {
    for (const { shape, map, result } of cases) {
      withSeed(shape.seed, () => {
        expect(result.moves.map((m) => m.id).sort()).toEqual(map.steps.map((s) => s.id).sort());
        for (const m of result.moves) {
          expect(Number.isInteger(m.x) && Number.isInteger(m.y), `${m.id} at ${m.x},${m.y}`).toBe(true);
        }
        if (shape.odd) expect(map.steps.filter((s) => s.partner === UNASSIGNED_ID)).toHaveLength(3);
      });
    }
  });

  it('[SH-LY3] keeps every step inside its own lane; lanes are stacked without overlap', () => {
    for (const { shape, map, result } of cases) {
      withSeed(shape.seed, () => {
        expect(outsideLane(drawn(map, result, growingSize), result)).toEqual([]);
        expect(result.lanes.map((l) => l.partner)).toEqual(map.partners.map((p) => p.id));
        result.lanes.forEach((lane, i) => {
          expect(lane.height).toBeGreaterThanOrEqual(GEOMETRY.laneMinHeight);
          const before = result.lanes[i - 1];
          expect(lane.top).toBe(before ? before.top + before.height : 0);
        });
      });
    }
  });

  it('[SH-LY5] never lets two steps overlap, with boxes that grow with their label', () => {
    for (const { shape, map, result } of cases) {
      withSeed(shape.seed, () => expect(overlaps(drawn(map, result, growingSize))).toEqual([]));
    }
  });

  it('[SH-LY2] puts the two ends of every flow in different columns', () => {
    for (const { shape, map, result } of cases) {
      withSeed(shape.seed, () => {
        const x = new Map(result.moves.map((m) => [m.id, m.x]));
        const same = map.flows.filter((f) => f.from !== f.to && x.get(f.from) === x.get(f.to));
        expect(same.map((f) => f.id)).toEqual([]);
      });
    }
  });

  it('[SH-LY4] ends with no more crossings than ELK’s own order stacked in the lanes', () => {
    for (const { shape, result } of cases) {
      withSeed(shape.seed, () => expect(result.crossings.result).toBeLessThanOrEqual(result.crossings.elkOrder));
    }
  });
});

describe('[SH-LY1] the ELK graph', () => {
  it('is a flat layered graph, left to right, seeded, in model order, placed with BRANDES_KOEPF', () => {
    const graph = buildElkGraph(readMap(fixtureDoc()));
    expect(graph.layoutOptions).toMatchObject({
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.randomSeed': '1',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    });
    expect(graph.children.every((c) => !('children' in c))).toBe(true);
  });

  it('holds every drawn step at its size and every flow between two different drawn steps', () => {
    const map = readMap(generateDoc({ steps: 20, partners: 3, seed: 9, odd: true }));
    const graph = buildElkGraph(map, { sizeOf: growingSize });
    expect(graph.children.map((c) => c.id).sort()).toEqual(map.steps.map((s) => `s:${s.id}`).sort());
    for (const c of graph.children) {
      const size = growingSize(map.stepById.get(c.id.slice(2))!);
      expect([c.width, c.height]).toEqual([size.width, size.height]);
    }
    const edges = graph.edges.map((e) => e.id);
    expect(edges).not.toContain('f:self');
    expect(edges).not.toContain('f:dangling');
    expect(edges).toEqual(expect.arrayContaining(['f:twice', 'f:back1', 'f:back2', 'f:to-orphan']));
    expect(edges).toHaveLength(map.flows.filter((f) => f.from !== f.to).length);
  });

  it('lists steps by lane, then id: it does not depend on where the steps are', () => {
    const a = generateDoc({ steps: 30, partners: 4, seed: 3 });
    const b = generateDoc({ steps: 30, partners: 4, seed: 3 });
    moveSteps(
      b,
      readMap(b).steps.map((s, i) => ({ id: s.id, x: (i * 7919) % 3000, y: (i * 104729) % 500 })),
    );
    const graph = buildElkGraph(readMap(a));
    expect(buildElkGraph(readMap(b))).toEqual(graph);
    const lane = (id: string): string => readMap(a).stepById.get(id.slice(2))!.partner;
    expect(graph.children.map((c) => lane(c.id))).toEqual(graph.children.map((c) => lane(c.id)).sort());
  });

  it('for a selection holds only the selected steps and the flows between them', () => {
    const map = readMap(fixtureDoc());
    const graph = buildElkGraph(map, { selection: ['bd1', 'bd2', 'uwv1', 'nope'] });
    expect(graph.children.map((c) => c.id)).toEqual(['s:bd1', 's:bd2', 's:uwv1']);
    expect(graph.edges.map((e) => e.id)).toEqual(['f:f3', 'f:f5']);
  });
});

describe('[SH-LY2] columns', SLOW, () => {
  it('run left to right in the loonaangifteketen: only the flow back (Herstelverzoek) goes right to left', async () => {
    const doc = fixtureDoc();
    const map = readMap(doc);
    const x = new Map((await layOut(doc)).moves.map((m) => [m.id, m.x]));
    const backwards = map.flows.filter((f) => x.get(f.from)! >= x.get(f.to)!).map((f) => f.label);
    expect(backwards).toEqual(['Herstelverzoek']);
  });

  it('are as wide as their steps and one gap apart, from the left margin', async () => {
    const doc = generateDoc({ steps: 60, partners: 5, seed: 11 });
    const xs = [
      ...new Set((await layOut(doc, { sizeOf: fixedSizeOf, labelOf: () => null })).moves.map((m) => m.x)),
    ].sort((a, b) => a - b);
    expect(xs[0]).toBe(DEFAULT_SPACING.left);
    expect(xs.length).toBeGreaterThan(5);
    xs.slice(1).forEach((x, i) => expect(x - xs[i]!).toBe(GEOMETRY.stepWidth + DEFAULT_SPACING.columnGap));
  });

  // ELK's answer written out, to pin down what the lane pass makes of given columns.
  const threeLanes = (): { doc: Y.Doc; map: () => MapSnapshot } => {
    const doc = new Y.Doc();
    for (const p of ['A', 'B', 'C']) addPartner(doc, { id: p, name: p });
    return { doc, map: () => readMap(doc) };
  };
  const answer = (nodes: Record<string, [number, number]>) => ({
    children: Object.entries(nodes).map(([id, [x, y]]) => ({ id: `s:${id}`, x, y, width: 180 })),
  });

  it('are compacted: a column joins the one before when its lanes are free there and no flow links them', () => {
    const { doc, map } = threeLanes();
    for (const [id, partner] of [
      ['a1', 'A'],
      ['b1', 'B'],
      ['a2', 'A'],
      ['c1', 'C'],
    ] as const) {
      addStep(doc, { id, partner, label: id });
    }
    connect(doc, { from: 'a1', to: 'a2' });
    connect(doc, { from: 'b1', to: 'c1' });
    // ELK: a1 | b1 | a2 | c1, four layers.
    const result = laneLayout(map(), answer({ a1: [0, 0], b1: [300, 0], a2: [600, 0], c1: [900, 0] }));
    const x = Object.fromEntries(result.moves.map((m) => [m.id, m.x]));
    const step = GEOMETRY.stepWidth + DEFAULT_SPACING.columnGap;
    // b1 joins a1 (lane B free, no flow); a2 cannot (lane A taken, flow a1→a2); c1 joins a2.
    expect(x).toEqual({
      a1: DEFAULT_SPACING.left,
      b1: DEFAULT_SPACING.left,
      a2: DEFAULT_SPACING.left + step,
      c1: DEFAULT_SPACING.left + step,
    });
    expect(result.columns).toBe(2);
  });

  it('are not compacted across a flow', () => {
    const { doc, map } = threeLanes();
    addStep(doc, { id: 'a1', partner: 'A', label: 'a1' });
    addStep(doc, { id: 'b1', partner: 'B', label: 'b1' });
    connect(doc, { from: 'a1', to: 'b1' });
    const result = laneLayout(map(), answer({ a1: [0, 0], b1: [300, 0] }));
    expect(result.columns).toBe(2);
  });
});

describe('[SH-LY3] lanes grow to fit', SLOW, () => {
  it('each lane is as tall as its largest stack of steps needs, and the app draws every step inside it', async () => {
    const doc = generateDoc({ steps: 80, partners: 4, seed: 21, odd: true });
    const result = await layOut(doc, { sizeOf: fixedSizeOf });
    applyLayout(doc, result.moves);
    expect(outsideDrawnLane(doc)).toEqual([]);
    const map = readMap(doc);
    for (const lane of result.lanes) {
      const steps = map.steps.filter((s) => s.partner === lane.partner);
      if (steps.length === 0) {
        expect(lane.height).toBe(GEOMETRY.laneMinHeight);
        continue;
      }
      const perColumn = new Map<number, number>();
      for (const s of steps) perColumn.set(s.x, (perColumn.get(s.x) ?? 0) + 1);
      const stack = Math.max(...perColumn.values());
      const needed = 2 * GEOMETRY.lanePadding + stack * GEOMETRY.stepHeight + (stack - 1) * DEFAULT_SPACING.rowGap;
      expect(lane.height, lane.partner).toBe(Math.max(GEOMETRY.laneMinHeight, needed));
      expect(Math.min(...steps.map((s) => s.y)), lane.partner).toBe(GEOMETRY.lanePadding);
    }
  });

  it('puts steps without flows in a row in their lane, in their left-to-right order, after the linked ones', async () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P', order: 0 });
    addPartner(doc, { id: 'q', name: 'Q', order: 1 });
    for (const id of ['a', 'b', 'c']) addStep(doc, { id, partner: 'p', label: id });
    connect(doc, { from: 'a', to: 'b' });
    connect(doc, { from: 'b', to: 'c' });
    for (const [id, x] of [
      ['l1', 900],
      ['l2', 100],
      ['l3', 500],
    ] as const)
      addStep(doc, { id, partner: 'p', label: id, x });
    for (const [id, x] of [
      ['q1', 40],
      ['q2', 30],
      ['q3', 20],
      ['q4', 10],
    ] as const) {
      addStep(doc, { id, partner: 'q', label: id, x, y: 200 });
    }
    const result = await layOut(doc);
    const column = (id: string): number =>
      (result.moves.find((m) => m.id === id)!.x - DEFAULT_SPACING.left) /
      (GEOMETRY.stepWidth + DEFAULT_SPACING.columnGap);
    expect(['a', 'b', 'c', 'l2', 'l3', 'l1'].map(column)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(['q4', 'q3', 'q2', 'q1'].map(column)).toEqual([0, 1, 2, 3]);
    expect(new Set(result.moves.map((m) => m.y))).toEqual(new Set([GEOMETRY.lanePadding]));
    applyLayout(doc, result.moves);
    expect(countUpdates(doc, () => applyLayout(doc, result.moves))).toBe(0);
    expect((await layOut(doc)).moves).toEqual(result.moves);
  });

  it('steps keep their partner', async () => {
    const doc = generateDoc({ steps: 40, partners: 3, seed: 5, odd: true });
    const partners = readMap(doc).steps.map((s) => [s.id, s.partner]);
    applyLayout(doc, (await layOut(doc)).moves);
    expect(readMap(doc).steps.map((s) => [s.id, s.partner])).toEqual(expect.arrayContaining(partners));
    expect(roots(doc).steps.get('orphan0')?.get('partner')).toBe('gone');
  });
});

describe('[SH-LY4] crossings between lanes', SLOW, () => {
  it('are counted between straight flows, cut at each column', () => {
    // Nodes 0, 1 in column 0; 2, 3 in column 1; 4 in column 2.
    const slot = Int32Array.from([0, 0, 1, 1, 2]);
    const count = (edges: [number, number][], y: number[]): number =>
      new CrossingCounter(edges, slot, 3).count(Float64Array.from(y));
    expect(
      count(
        [
          [0, 3],
          [1, 2],
        ],
        [0, 10, 0, 10, 0],
      ),
    ).toBe(1);
    expect(
      count(
        [
          [0, 2],
          [1, 3],
        ],
        [0, 10, 0, 10, 0],
      ),
    ).toBe(0);
    // Sharing an end is not a crossing.
    expect(
      count(
        [
          [0, 2],
          [0, 3],
        ],
        [0, 10, 10, 0, 0],
      ),
    ).toBe(0);
    // A flow over two columns crosses one in the first gap: 0→4 is at 15 where 1→2 ends at 0.
    expect(
      count(
        [
          [0, 4],
          [1, 2],
        ],
        [0, 10, 0, 10, 30],
      ),
    ).toBe(1);
    expect(
      count(
        [
          [0, 4],
          [1, 2],
        ],
        [0, 10, 40, 10, 30],
      ),
    ).toBe(0);
    // Direction does not matter.
    expect(
      count(
        [
          [3, 0],
          [2, 1],
        ],
        [0, 10, 0, 10, 0],
      ),
    ).toBe(1);
  });

  it('orders a stack by the barycentre of its neighbours, against ELK’s order', () => {
    const doc = new Y.Doc();
    for (const p of ['A', 'B', 'C']) addPartner(doc, { id: p, name: p });
    addStep(doc, { id: 'a0', partner: 'A', label: 'a0' });
    addStep(doc, { id: 'c0', partner: 'C', label: 'c0' });
    addStep(doc, { id: 'b1', partner: 'B', label: 'b1' });
    addStep(doc, { id: 'b2', partner: 'B', label: 'b2' });
    connect(doc, { from: 'a0', to: 'b2' });
    connect(doc, { from: 'c0', to: 'b1' });
    // ELK put b1 above b2, so the flows from lane A and lane C would cross inside lane B.
    const elkAnswer = {
      children: [
        { id: 's:a0', x: 0, y: 0, width: 180 },
        { id: 's:c0', x: 0, y: 100, width: 180 },
        { id: 's:b1', x: 300, y: 0, width: 180 },
        { id: 's:b2', x: 300, y: 100, width: 180 },
      ],
    };
    const result = laneLayout(readMap(doc), elkAnswer);
    const y = Object.fromEntries(result.moves.map((m) => [m.id, m.y]));
    expect(y['b2']).toBeLessThan(y['b1']!);
    expect(result.crossings).toEqual({ elkOrder: 1, result: 0 });
  });

  it('draws flows inside a lane straight: a chain in one lane shares one row', async () => {
    const doc = fixtureDoc();
    applyLayout(doc, (await layOut(doc)).moves);
    // Steps are centred on their row: the middles of their sides (where flows end) line up.
    const y = (id: string): number => {
      const step = readMap(doc).stepById.get(id)!;
      return step.y + stepBox(step).height / 2;
    };
    expect(y('wg1')).toBe(y('wg2'));
    expect(new Set([y('bd1'), y('bd2'), y('bd3')]).size).toBe(1);
    expect(new Set([y('uwv1'), y('uwv2')]).size).toBe(1);
    expect(new Set([y('cbs1'), y('cbs2')]).size).toBe(1);
  });
});

describe('[SH-LY6] deterministic and stable', SLOW, () => {
  it('gives the same positions for the same map, wherever its linked steps were, with a fresh ELK', async () => {
    const a = generateDoc({ steps: 70, partners: 5, seed: 31, odd: true });
    const b = generateDoc({ steps: 70, partners: 5, seed: 31, odd: true });
    scramble(b);
    expect(xy(readMap(b))).not.toEqual(xy(readMap(a)));
    const first = await layOut(a, { sizeOf: growingSize });
    const second = await layoutSnapshot(readMap(b), createNodeElk(), { sizeOf: growingSize });
    expect(second).toEqual(first);
  });

  it('moves nothing when the map is laid out again', async () => {
    for (const seed of [41, 42]) {
      const doc = generateDoc({ steps: 60, partners: 4, seed, odd: seed % 2 === 0 });
      applyLayout(doc, (await layOut(doc, { sizeOf: growingSize })).moves);
      const before = xy(readMap(doc));
      const again = await layOut(doc, { sizeOf: growingSize });
      withSeed(seed, () => {
        expect(Object.fromEntries(again.moves.map((m) => [m.id, [m.x, m.y]]))).toEqual(before);
        expect(countUpdates(doc, () => applyLayout(doc, again.moves))).toBe(0);
      });
    }
  });
});

describe('[SH-LY7] layout of a selection', SLOW, () => {
  const pick = (map: MapSnapshot, seed: number): string[] =>
    map.steps.filter((_, i) => (i * 31 + seed) % 3 === 0).map((s) => s.id);

  it('moves only the selected steps, clear of the others, each in its lane', async () => {
    for (const seed of [51, 52, 53]) {
      const doc = generateDoc({ steps: 60, partners: 4, seed, odd: seed === 52 });
      applyLayout(doc, (await layOut(doc, { sizeOf: growingSize })).moves);
      const before = readMap(doc);
      const selection = pick(before, seed);
      const result = await layOut(doc, { sizeOf: growingSize, selection });
      withSeed(seed, () => {
        expect(result.moves.map((m) => m.id).sort()).toEqual([...selection].sort());
        expect(overlaps(drawn(before, result, growingSize))).toEqual([]);
        expect(outsideLane(drawn(before, result, growingSize), result)).toEqual([]);
        applyLayout(doc, result.moves);
        const after = readMap(doc);
        const unselected = before.steps.filter((s) => !selection.includes(s.id));
        for (const s of unselected)
          expect([after.stepById.get(s.id)?.x, after.stepById.get(s.id)?.y]).toEqual([s.x, s.y]);
        for (const s of before.steps) expect(after.stepById.get(s.id)?.partner).toBe(s.partner);
      });
    }
  });

  it('fits the selection among steps that overlap each other and stays put when laid out again', async () => {
    // Scattered positions: the steps that stay overlap each other; the selection must still find room.
    const doc = generateDoc({ steps: 50, partners: 3, seed: 61 });
    const before = readMap(doc);
    const selection = pick(before, 61);
    const result = await layOut(doc, { selection });
    const boxes = drawn(before, result, defaultSizeOf);
    const clash = overlaps(boxes).filter((pair) => selection.some((id) => pair.split(' overlaps ').includes(id)));
    expect(clash).toEqual([]);
    applyLayout(doc, result.moves);
    const again = await layOut(doc, { selection });
    expect(countUpdates(doc, () => applyLayout(doc, again.moves))).toBe(0);
  });

  it('moves nothing for an empty selection, or one of ids that are not steps, without calling ELK', async () => {
    const unused: ElkEngine = { layout: () => Promise.reject(new Error('ELK was called')) };
    const map = readMap(fixtureDoc());
    for (const selection of [[], ['nope']]) {
      expect((await layoutSnapshot(map, unused, { selection })).moves).toEqual([]);
    }
  });

  it('starts at the selection’s left edge and ignores ids that are not steps', async () => {
    const doc = fixtureDoc();
    moveSteps(doc, [
      { id: 'cbs1', x: 900, y: 24 },
      { id: 'cbs2', x: 500, y: 200 },
    ]);
    const result = await layOut(doc, { selection: ['cbs1', 'cbs2', 'nope'] });
    expect(result.moves).toEqual([
      { id: 'cbs1', x: 500, y: GEOMETRY.lanePadding },
      { id: 'cbs2', x: 500 + GEOMETRY.stepWidth + DEFAULT_SPACING.columnGap, y: GEOMETRY.lanePadding },
    ]);
  });
});

describe('[SH-LY8] applying a layout', SLOW, () => {
  it('is one transaction with origin layout, one update, one undo step for whoever tracks that origin', async () => {
    const doc = fixtureDoc();
    moveSteps(
      doc,
      readMap(doc).steps.map((s, i) => ({ id: s.id, x: 100 * i, y: 30 })),
    );
    const before = xy(readMap(doc));
    const requester = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local, ORIGINS.layout]) });
    const localOnly = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]) });
    const origins: unknown[] = [];
    doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    const result = await layOut(doc);
    expect(countUpdates(doc, () => applyLayout(doc, result.moves))).toBe(1);
    expect(origins).toEqual([ORIGINS.layout]);
    expect(xy(readMap(doc))).not.toEqual(before);
    expect(localOnly.canUndo()).toBe(false);
    requester.undo();
    expect(xy(readMap(doc))).toEqual(before);
    expect(requester.canUndo()).toBe(false);
  });

  it('reaches a peer as a remote update that the peer cannot undo', async () => {
    const doc = fixtureDoc();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const peerUndo = new Y.UndoManager(undoScope(peer), { trackedOrigins: new Set([ORIGINS.local, ORIGINS.layout]) });
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u, ORIGINS.remote));
    applyLayout(doc, (await layOut(doc)).moves);
    expect(xy(readMap(peer))).toEqual(xy(readMap(doc)));
    expect(peerUndo.canUndo()).toBe(false);
  });

  it('skips steps that were removed while the layout ran', async () => {
    const doc = fixtureDoc();
    const result = await layOut(doc);
    roots(doc).steps.delete('af1');
    expect(applyLayout(doc, result.moves)).toBe(result.moves.length - 1);
  });
});

describe('[SH-LY9] odd maps', SLOW, () => {
  it('lays out a map without steps, or without anything, to nothing', async () => {
    const empty = new Y.Doc();
    expect(await layOut(empty)).toEqual({ moves: [], lanes: [], columns: 0, crossings: { elkOrder: 0, result: 0 } });
    addPartner(empty, { id: 'p', name: 'P' });
    const result = await layOut(empty);
    expect(result.moves).toEqual([]);
    expect(result.lanes).toEqual([{ partner: 'p', top: 0, height: GEOMETRY.laneMinHeight }]);
  });

  it('puts a single step at the left margin, at the top of its lane', async () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    addStep(doc, { id: 's', partner: 'p', label: 'Alleen', x: 3000, y: 400 });
    expect((await layOut(doc)).moves).toEqual([{ id: 's', x: DEFAULT_SPACING.left, y: GEOMETRY.lanePadding }]);
  });

  it('lays out a cycle, a lone step and orphans in the unassigned lane', async () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    for (const id of ['a', 'b', 'c', 'lone']) addStep(doc, { id, partner: 'p', label: id });
    connect(doc, { from: 'a', to: 'b' });
    connect(doc, { from: 'b', to: 'c' });
    connect(doc, { from: 'c', to: 'a' });
    doc.transact(() => {
      roots(doc).steps.set('o1', newEntity({ partner: 'gone', label: 'o1', x: 0, y: 0 }));
      roots(doc).steps.set('o2', newEntity({ partner: 'gone', label: 'o2', x: 0, y: 0 }));
    });
    const result = await layOut(doc);
    const map = readMap(doc);
    expect(result.moves).toHaveLength(6);
    expect(result.lanes.map((l) => l.partner)).toEqual(['p', UNASSIGNED_ID]);
    expect(overlaps(drawn(map, result, defaultSizeOf))).toEqual([]);
    expect(outsideLane(drawn(map, result, defaultSizeOf), result)).toEqual([]);
    const x = Object.fromEntries(result.moves.map((m) => [m.id, m.x]));
    expect(new Set([x['a'], x['b'], x['c']]).size).toBe(3);
  });

  it('refuses a layout that would not fit the coordinate limit, naming it, and writes nothing', async () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    for (let i = 0; i < 12; i++) addStep(doc, { id: `s${i}`, partner: 'p', label: `${i}` });
    for (let i = 1; i < 12; i++) connect(doc, { from: `s${i - 1}`, to: `s${i}` });
    await expect(layOut(doc, { spacing: { columnGap: 100_000 } })).rejects.toThrow(
      /needs 1\d{6} px, more than the largest coordinate \(1000000 px\)/,
    );
    expect(readMap(doc).steps.every((s) => s.x === 0)).toBe(true);
  });

  it('survives a size measure that returns nonsense, using the default size', async () => {
    const doc = fixtureDoc();
    const result = await layOut(doc, { sizeOf: () => ({ width: Number.NaN, height: -5 }) });
    expect(result).toEqual(await layOut(doc));
  });
});

describe('[SH-LY10] the runner', SLOW, () => {
  it('hands the engine the graph of buildElkGraph and nothing for a map without steps', async () => {
    const seen: ElkGraph[] = [];
    const recording: ElkEngine = {
      layout: (graph) => {
        seen.push(structuredClone(graph));
        return elk.layout(graph);
      },
    };
    const map = readMap(fixtureDoc());
    await layoutSnapshot(map, recording, { sizeOf: growingSize });
    expect(seen).toEqual([buildElkGraph(map, { sizeOf: growingSize })]);
    await layoutSnapshot(readMap(new Y.Doc()), recording);
    expect(seen).toHaveLength(1);
  });

  it('measures each step once per layout', async () => {
    const map = readMap(generateDoc({ steps: 30, partners: 3, seed: 7, odd: true }));
    const measured: string[] = [];
    await layoutSnapshot(map, elk, {
      sizeOf: (step) => {
        measured.push(step.id);
        return growingSize(step);
      },
    });
    expect(measured.sort()).toEqual(map.steps.map((s) => s.id).sort());
  });

  it('fails clearly when the engine’s answer lacks a step', async () => {
    const broken: ElkEngine = { layout: () => Promise.resolve({ children: [{ id: 's:wg1', x: 0, y: 0 }] }) };
    await expect(layoutSnapshot(readMap(fixtureDoc()), broken)).rejects.toThrow(/no position for 9 steps/);
  });
});

describe('[SH-LY11] import lays out a map without positions', () => {
  const fileOf = (steps: number, placed: (i: number) => boolean) => ({
    format: 'ketenkaart' as const,
    version: 1 as const,
    title: 't',
    partners: [{ id: 'p', name: 'P' }],
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `s${i}`,
      partner: 'p',
      label: `s${i}`,
      ...(placed(i) ? { x: i * 200, y: 24 } : {}),
    })),
    flows: [],
  });

  it('when some step lacks x or y, up to IMPORT_LAYOUT_MAX_STEPS steps', () => {
    expect(layoutOnImport(parseMapFile(JSON.stringify(fileOf(3, (i) => i !== 1))))).toBe(true);
    expect(layoutOnImport(parseMapFile(JSON.stringify(fileOf(3, () => true))))).toBe(false);
    const most = IMPORT_LAYOUT_MAX_STEPS;
    expect(layoutOnImport(parseMapFile(JSON.stringify(fileOf(most, () => false))))).toBe(true);
    expect(layoutOnImport(parseMapFile(JSON.stringify(fileOf(most + 1, () => false))))).toBe(false);
  });
});
