/**
 * Bench: lane-aware auto-layout of generated 500- and 1,000-step maps in Node, beside plain
 * elkjs laying out the same ELK graph with the same options (the reference), with the ratio.
 * Ours is the whole pipeline from snapshot to moves: build the ELK graph, ELK, the lane pass
 * (`layoutSnapshot`); applying the moves to a Y.Doc is timed on its own. Wall-clock and CPU
 * time (of this process) are both printed: on a shared machine other load moves the wall
 * clock by seconds, CPU time much less. Our own work (the time of a run outside its
 * elk.layout call) is also set against ELK's time in that same run. Every result is checked:
 * every step placed, none overlapping another, every one inside its own lane.
 *
 * Target: ours <= 1.1x plain elkjs (CPU time; and our own work against ELK in the same run).
 * Run: node --import tsx bench/layout.ts   (BENCH_RUNS, default 7; BENCH_STEPS, default 500,1000)
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import {
  applyLayout,
  buildElkGraph,
  ELK_LAYOUT_OPTIONS,
  type ElkEngine,
  type ElkLaidOutGraph,
  importJson,
  type LayoutResult,
  layoutSnapshot,
  readMap,
} from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { generateMapFile } from './lib/generate.js';
import { layoutProblems } from './lib/layout-check.js';
import { median, printTable } from './lib/report.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const SIZES = (process.env['BENCH_STEPS'] ?? '500,1000').split(',').map(Number);
const TARGET_RATIO = 1.1;

const elk = createNodeElk();
const ms = (t: number): string => `${t.toFixed(0)} ms`;
const runs = (list: readonly Timing[]): string => list.map((t) => `${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`).join(' ');

interface Timing {
  /** Wall-clock milliseconds. */
  readonly wall: number;
  /** CPU milliseconds of this process (all its threads): what other load on the machine moves least. */
  readonly cpu: number;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[Timing, T]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [{ wall, cpu: (used.user + used.system) / 1000 }, value];
}

let wrong = 0;
console.log(`layout bench: median of ${RUNS} runs each, ours and plain elkjs interleaved`);
console.log(`ELK options: ${JSON.stringify(ELK_LAYOUT_OPTIONS)}`);
for (const steps of SIZES) {
  const text = JSON.stringify(generateMapFile({ steps, partners: 10, seed: 42, withoutPositions: true }));
  const doc = new Y.Doc();
  importJson(doc, text);
  const map = readMap(doc);
  // Warm up the JIT on both paths once.
  await elk.layout(buildElkGraph(map));
  let result = await layoutSnapshot(map, elk);

  const reference: Timing[] = [];
  const ours: Timing[] = [];
  /** Time inside elk.layout during our runs, and our own work around it (graph, lane pass). */
  const elkInside: Timing[] = [];
  const own: number[] = [];
  const apply: number[] = [];
  let elkTime: Timing = { wall: 0, cpu: 0 };
  const timedElk: ElkEngine = {
    layout: async (graph) => {
      const [t, answer] = await timed(() => elk.layout(graph));
      elkTime = t;
      return answer;
    },
  };
  for (let r = 0; r < RUNS; r++) {
    // ELK writes its answer into the graph it is given: a fresh graph for every run.
    const graph = buildElkGraph(map);
    let plain: [Timing, ElkLaidOutGraph];
    let whole: [Timing, LayoutResult];
    // Alternate which of the two runs first, so that neither always gets the warmer machine.
    if (r % 2 === 0) {
      plain = await timed(() => elk.layout(graph));
      whole = await timed(() => layoutSnapshot(map, timedElk));
    } else {
      whole = await timed(() => layoutSnapshot(map, timedElk));
      plain = await timed(() => elk.layout(graph));
    }
    reference.push(plain[0]);
    ours.push(whole[0]);
    elkInside.push(elkTime);
    own.push(whole[0].wall - elkTime.wall);
    result = whole[1];
    const target = new Y.Doc();
    importJson(target, text);
    apply.push((await timed(() => applyLayout(target, result.moves)))[0].wall);
  }

  // The last run's result, as written into a Y.Doc: every step placed, in its lane, on no other.
  const written = new Y.Doc();
  importJson(written, text);
  applyLayout(written, result.moves);
  const placed = new Set(result.moves.map((m) => m.id));
  const unplaced = map.steps.filter((s) => !placed.has(s.id)).map((s) => `${s.id} not placed`);
  const found = [...unplaced, ...layoutProblems(readMap(written))];
  if (found.length > 0) wrong++;
  const wall = (list: Timing[]): number => median(list.map((t) => t.wall));
  const cpu = (list: Timing[]): number => median(list.map((t) => t.cpu));
  const ratioWall = wall(ours) / wall(reference);
  const ratioCpu = cpu(ours) / cpu(reference);
  const ratioInRun = median(own.map((o, i) => 1 + o / elkInside[i]!.wall));
  const verdict = (ratio: number): string => `target <= ${TARGET_RATIO}x ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}`;
  console.log(
    `\n${steps} steps, ${map.flows.length} flows, ${map.partners.length} lanes: ` +
      `${result.columns} columns, crossings ${result.crossings.elkOrder} in ELK's order -> ${result.crossings.result}`,
  );
  printTable([
    ['', 'wall', 'CPU', 'each run: wall/CPU'],
    ['plain elkjs (reference)', ms(wall(reference)), ms(cpu(reference)), runs(reference)],
    ['ours: graph + elkjs + lane pass', ms(wall(ours)), ms(cpu(ours)), runs(ours)],
    ['  of which inside elk.layout', ms(wall(elkInside)), ms(cpu(elkInside)), runs(elkInside)],
    ['ratio ours / plain elkjs', `${ratioWall.toFixed(3)}x`, `${ratioCpu.toFixed(3)}x`, verdict(ratioCpu)],
    ['our own work (graph, lane pass)', ms(median(own)), '', own.map(ms).join(' ')],
    ['ratio with ELK of the same run', `${ratioInRun.toFixed(3)}x`, '', verdict(ratioInRun)],
    ['applyLayout into a Y.Doc', ms(median(apply)), '', ''],
    ['result check', found.length === 0 ? 'OK' : `WRONG (${found.length})`, '', found.slice(0, 3).join('; ')],
  ]);
}
// A wrong layout is a defect, not a figure: fail the run.
process.exitCode = wrong === 0 ? 0 : 1;
