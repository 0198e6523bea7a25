/**
 * Bench: the canvas deriver (snapshot -> React Flow nodes and edges, flows routed) on the
 * editor bench's generated 1,000-step map, in Node. Prints the median CPU time per update and how
 * many edges each update made anew (each new edge is one route computed; a count that does
 * not depend on the machine's load).
 *
 *   node --import tsx bench/deriver.ts
 */
import * as Y from 'yjs';
import { importJson, moveSteps, readMap, updateStep, type MapSnapshot } from '@ketenkaart/shared';
import type { Derived } from '../client/src/canvas/derive/flowTypes.js';
import { MapDeriver } from '../client/src/canvas/derive/MapDeriver.js';
import { generateMapFile } from './lib/generate.js';
import { median, percentile, printTable } from './lib/report.js';

const STEPS = 1000;
const PARTNERS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

/** CPU time of this process in ms: steadier than wall time on a machine shared with other work. */
const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const file = generateMapFile({ steps: STEPS, partners: PARTNERS, seed: 42 });
const doc = new Y.Doc();
importJson(doc, JSON.stringify(file));

interface Options {
  selected: ReadonlySet<string>;
  editable: boolean;
  dragging?: ReadonlySet<string>;
}
const idle: Options = { selected: new Set(), editable: true };

/** Every flow's geometry in a derive (its edge object need not change when it is re-routed). */
const geometries = (d: Derived) => d.edges.map((e) => d.routes.get(e.id));

/**
 * Flows of `next` drawn anew: a new edge object or a new geometry, each with its route read (as
 * the canvas does when it draws them).
 */
function newEdges(prev: Derived, before: ReturnType<typeof geometries>, next: Derived): number {
  const edges = new Set(prev.edges);
  const kept = new Set(before);
  const made = next.edges.filter((e) => !edges.has(e) || !kept.has(next.routes.get(e.id)));
  for (const e of made) if (!next.routes.get(e.id)?.route) throw new Error(`no route for ${e.id}`);
  return made.length;
}

interface Row {
  name: string;
  times: number[];
  made: number[];
}

function measure(name: string, step: (round: number) => { map: MapSnapshot; options: Options }[]): Row {
  const deriver = new MapDeriver();
  let last = deriver.derive(readMap(doc), idle);
  const row: Row = { name, times: [], made: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const { map, options } of step(round)) {
      const t0 = cpu();
      const before = geometries(last);
      const next = deriver.derive(map, options);
      row.made.push(newEdges(last, before, next));
      row.times.push(cpu() - t0);
      last = next;
    }
  }
  return row;
}

const ids = file.steps.map((s) => s.id);
const pick = (round: number): string => ids[(round * 97 + 13) % ids.length] as string;
// Routes are computed when an edge is first drawn (the canvas draws only those in view): the
// first derive alone, and with every flow's route read, as when the whole map is in view.
const firstLoad: Row = { name: 'first derive (load)', times: [], made: [] };
const firstAll: Row = { name: 'first derive, every route read', times: [], made: [] };
for (let round = 0; round < Math.min(ROUNDS, 15); round++) {
  const map = readMap(doc);
  const t0 = cpu();
  const d = new MapDeriver().derive(map, idle);
  const t1 = cpu();
  for (const e of d.edges) if (!d.routes.get(e.id)?.route) throw new Error(`no route for ${e.id}`);
  firstLoad.times.push(t1 - t0);
  firstAll.times.push(cpu() - t0);
  firstLoad.made.push(d.edges.length);
  firstAll.made.push(d.edges.length);
}

const rows: Row[] = [
  firstLoad,
  firstAll,
  measure('remote move of one step (40 px right)', (round) => {
    const id = pick(round);
    const s = readMap(doc).stepById.get(id)!;
    moveSteps(doc, [{ id, x: s.x + 40, y: s.y }]);
    return [{ map: readMap(doc), options: idle }];
  }),
  measure('remote label edit of one step', (round) => {
    updateStep(doc, pick(round), { label: `Processtap hernoemd ${round}` });
    return [{ map: readMap(doc), options: idle }];
  }),
  measure('selection change', (round) => [
    { map: readMap(doc), options: { ...idle, selected: new Set([pick(round)]) } },
  ]),
  measure('drag start, then drop 60 px down (2 updates)', (round) => {
    const id = pick(round);
    const map = readMap(doc);
    const start = { map, options: { ...idle, dragging: new Set([id]) } };
    const s = map.stepById.get(id)!;
    moveSteps(doc, [{ id, x: s.x, y: s.y === 24 ? 112 : 24 }]);
    return [start, { map: readMap(doc), options: idle }];
  }),
];

console.log(`deriver bench: ${STEPS} steps, ${file.flows.length} flows, ${PARTNERS} lanes; ${ROUNDS} rounds each`);
printTable([
  ['update', 'median ms', 'p95 ms', 'edges made anew (median / max)'],
  ...rows.map((r) => {
    return [
      r.name,
      median(r.times).toFixed(2),
      percentile(r.times, 95).toFixed(2),
      `${median(r.made)} / ${Math.max(...r.made)}`,
    ];
  }),
]);
