/**
 * Bench: "Opmaak: alles" (key O) of generated 500- and 1,000-step maps in the built editor in
 * headless Chromium, where ELK runs in its Web Worker (client rule CL-AL1), beside plain elkjs in
 * Node laying out the same ELK graph (`buildElkGraph`, the sizes the editor uses) with the same
 * options, the reference, run in this same process; with the ratio.
 *
 * In the page: from the key press to the one `layout` transaction (the page encodes the map, the
 * layout worker builds the graph, has ELK lay it out in elkjs's worker and runs the lane pass; the
 * page writes the moves with applyLayout), timed with the page's clock; the first run also loads the ELK chunk and starts
 * the worker (printed apart), the others are warm (median). Main thread: a `longtask` observer
 * (it reports tasks of 50 ms and more) gives the longest task while the layout computes (from the
 * press to the client's `ketenkaart:layout-computed` mark: encoding, the workers) and, apart,
 * from there to a second after the write (writing the moves, React drawing them); the write's
 * transaction alone is timed between that mark and `ketenkaart:layout-written`. Between runs
 * Ctrl+Z puts the map back. Each result is checked: the map the server stores afterwards has
 * every step in its lane and none on another (`lib/layout-check.ts`), at the positions Node's
 * layout gives the same map; a wrong result fails the run.
 *
 * Targets (issue 12): 500 steps <= 1.5 s, 1,000 steps <= 3 s, <= 1.1x plain elkjs in Node, and no
 * main-thread task of 50 ms or more while laying out.
 * Run after `pnpm build`:   node --import tsx bench/layout-browser.ts
 * Environment: BENCH_RUNS (per size, the cold one included; default 5), BENCH_STEPS (default
 * 500,1000), CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import {
  buildElkGraph,
  ELK_LAYOUT_OPTIONS,
  importJson,
  layoutSnapshot,
  readMap,
  type MapFile,
} from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { startServer } from '../server/src/index.js';
import { launchChromium, newBenchContext } from './lib/browser.js';
import { generateMapFile } from './lib/generate.js';
import { layoutProblems } from './lib/layout-check.js';
import { median, printTable } from './lib/report.js';

const RUNS = Math.max(2, Number(process.env['BENCH_RUNS'] ?? 5));
const SIZES = (process.env['BENCH_STEPS'] ?? '500,1000').split(',').map(Number);
const TARGET_MS: Record<number, number> = { 500: 1_500, 1_000: 3_000 };
const TARGET_RATIO = 1.1;
const LONG_TASK_MS = 50;

const clientDist = fileURLToPath(new URL('../client/dist', import.meta.url));
if (!existsSync(join(clientDist, 'index.html'))) {
  console.error(`layout-browser bench: ${clientDist}/index.html is missing; run \`pnpm build\` first.`);
  process.exit(1);
}

interface Probe {
  start: number;
  /** When the computation ended (the client's `ketenkaart:layout-computed` mark, before writing). */
  computed: number;
  /** When the write's transaction ended (the client's `ketenkaart:layout-written` mark). */
  written: number;
  end: number;
  tasks: [number, number][];
}

/** Installed in the page: the key press, the layout's transaction, and every long task. */
function installProbe(): void {
  const w = window as unknown as {
    __lay: Probe;
    __ketenkaart: { doc: { on(e: 'update', f: (u: Uint8Array, origin: unknown) => void): void } };
  };
  const probe: Probe = { start: 0, computed: 0, written: 0, end: 0, tasks: [] };
  w.__lay = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'ketenkaart:layout-computed') probe.computed = e.startTime;
      if (e.name === 'ketenkaart:layout-written') probe.written = e.startTime;
    }
  }).observe({ type: 'mark' });
  addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'o' && !e.shiftKey) probe.start = performance.now();
    },
    true,
  );
  w.__ketenkaart.doc.on('update', (_u, origin) => {
    if (origin === 'layout') probe.end = performance.now();
  });
}

interface Run {
  readonly ms: number;
  /**
   * Longest main-thread task (>= 50 ms, else 0) from the press to the end of the computation
   * (graph, worker, lane pass), and from there to a second after the write (writing the moves and
   * React drawing the moved steps).
   */
  readonly longestDuring: number;
  readonly longestAfter: number;
  /** The write alone: applyLayout's one transaction with every observer of the doc it runs. */
  readonly write: number;
}

const probe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { __lay: Probe }).__lay);

async function layoutOnce(page: Page): Promise<Run> {
  await page.evaluate(() => {
    const p = (window as unknown as { __lay: Probe }).__lay;
    p.start = 0;
    p.computed = 0;
    p.written = 0;
    p.end = 0;
    p.tasks = [];
  });
  await page.keyboard.press('o');
  await page.waitForFunction(
    () => {
      const p = (window as unknown as { __lay: Probe }).__lay;
      return p.end > p.start && p.start > 0;
    },
    undefined,
    { timeout: 60_000, polling: 20 },
  );
  // The second after the write, for the long tasks of drawing the moved steps.
  await page.waitForTimeout(1_000);
  const p = await probe(page);
  const longest = (tasks: [number, number][]): number => tasks.reduce((m, [, d]) => Math.max(m, d), 0);
  // The task that writes starts a moment before the mark it sets: split 2 ms before the mark.
  const split = (p.computed > p.start ? p.computed : p.end) - 2;
  return {
    ms: p.end - p.start,
    longestDuring: longest(p.tasks.filter(([t, d]) => t + d > p.start && t < split)),
    longestAfter: longest(p.tasks.filter(([t]) => t >= split && t < p.end + 1_000)),
    write: p.written - p.computed,
  };
}

/** Undoes the layout (Ctrl+Z on the map) and waits until the stored map is back. */
async function undo(page: Page, server: string, id: string, token: string, before: string): Promise<void> {
  await page.keyboard.press('Control+z');
  for (let i = 0; i < 200; i++) {
    if ((await positionsOf(server, id, token)) === before) return;
    await page.waitForTimeout(50);
  }
  throw new Error('the undo did not restore the map');
}

async function exported(server: string, id: string, token: string): Promise<MapFile> {
  const res = await fetch(`${server}/api/maps/${id}/export.json`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as MapFile;
}

const positionsOf = async (server: string, id: string, token: string): Promise<string> =>
  JSON.stringify(
    (await exported(server, id, token)).steps.map((s) => [s.id, s.x, s.y]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );

const ms = (t: number): string => `${t.toFixed(0)} ms`;
const dataDir = await mkdtemp(join(tmpdir(), 'ketenkaart-layout-bench-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: clientDist });
const browser = await launchChromium();
const elk = createNodeElk();
let wrong = 0;
console.log(`layout in the browser bench: ${RUNS} runs per size (the first cold), plain elkjs in Node as reference`);
console.log(`ELK options: ${JSON.stringify(ELK_LAYOUT_OPTIONS)}`);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${cpus().length} cores)`,
);
try {
  for (const steps of SIZES) {
    // Positions as the generator gives them (not laid out): the import keeps them (SV-J1 lays out
    // only files without positions), so "Opmaak: alles" has every step to move.
    const file = generateMapFile({ steps, partners: 10, seed: 42 });
    const doc = new Y.Doc();
    importJson(doc, JSON.stringify(file));
    const map = readMap(doc);

    const created = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    });
    const { id, editToken, editUrl } = (await created.json()) as { id: string; editToken: string; editUrl: string };
    const before = await positionsOf(server.url, id, editToken);

    const context = await newBenchContext(browser);
    await context.addInitScript({
      content: `try { localStorage.setItem('ketenkaart:user', ${JSON.stringify(JSON.stringify({ name: 'Bench', color: '#0969da' }))}); } catch {}`,
    });
    const page = await context.newPage();
    await page.goto(editUrl);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-status') === 'online',
      undefined,
      { timeout: 60_000 },
    );
    await page.evaluate(installProbe);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });

    const browserRuns: Run[] = [];
    const reference: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      // The reference right before each browser run, on the same machine state; a fresh graph
      // each time (ELK writes its answer into it).
      const graph = buildElkGraph(map);
      const t0 = performance.now();
      await elk.layout(graph);
      reference.push(performance.now() - t0);
      browserRuns.push(await layoutOnce(page));
      if (r === 0) {
        const stored = await exported(server.url, id, editToken);
        const check = new Y.Doc();
        importJson(check, JSON.stringify(stored));
        const found = layoutProblems(readMap(check));
        const want = new Map((await layoutSnapshot(map, elk)).moves.map((m) => [m.id, m]));
        const elsewhere = stored.steps.filter((s) => want.get(s.id)?.x !== s.x || want.get(s.id)?.y !== s.y);
        if (found.length > 0 || elsewhere.length > 0) {
          wrong++;
          console.log(`  WRONG: ${found.slice(0, 3).join('; ')} ${elsewhere.length} steps not where Node puts them`);
        }
      }
      await undo(page, server.url, id, editToken, before);
      await page.waitForTimeout(500);
    }
    await context.close();

    const warm = browserRuns.slice(1);
    const browserMs = median(warm.map((r) => r.ms));
    const refMs = median(reference);
    const ratio = browserMs / refMs;
    const longest = Math.max(...browserRuns.map((r) => r.longestDuring));
    const target = TARGET_MS[steps];
    console.log(`\n${steps} steps, ${map.flows.length} flows, ${map.partners.length} lanes`);
    printTable([
      ['', 'median', 'each run', 'target'],
      ['plain elkjs in Node (reference)', ms(refMs), reference.map(ms).join(' '), ''],
      [
        'browser: O to written, warm',
        ms(browserMs),
        warm.map((r) => ms(r.ms)).join(' '),
        target ? `<= ${target} ms ${browserMs <= target ? 'OK' : 'MISSED'}` : '',
      ],
      ['browser: first run (loads ELK)', ms(browserRuns[0]!.ms), '', ''],
      [
        'ratio browser / Node elkjs',
        `${ratio.toFixed(2)}x`,
        '',
        `<= ${TARGET_RATIO}x ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}`,
      ],
      [
        'longest main-thread task, computing',
        longest === 0 ? `none >= ${LONG_TASK_MS} ms` : ms(longest),
        browserRuns.map((r) => ms(r.longestDuring)).join(' '),
        `< ${LONG_TASK_MS} ms ${longest < LONG_TASK_MS ? 'OK' : 'MISSED'}`,
      ],
      [
        'write transaction (applyLayout)',
        ms(median(browserRuns.map((r) => r.write))),
        browserRuns.map((r) => ms(r.write)).join(' '),
        `< ${LONG_TASK_MS} ms ${Math.max(...browserRuns.map((r) => r.write)) < LONG_TASK_MS ? 'OK' : 'MISSED'}`,
      ],
      [
        '  writing + drawing, 1 s after',
        ms(Math.max(...browserRuns.map((r) => r.longestAfter))),
        browserRuns.map((r) => ms(r.longestAfter)).join(' '),
        '(information)',
      ],
      ['result check', wrong === 0 ? 'OK' : 'WRONG', '', ''],
      [
        'load average (1, 5, 15 min)',
        loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
        '',
        '',
      ],
    ]);
  }
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = wrong === 0 ? 0 : 1;
