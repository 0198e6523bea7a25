/**
 * Bench: the editor on a generated 1,000-step map in headless Chromium, beside a plain
 * React Flow page (bench/baseline: default nodes and edges, no sync) showing the same
 * steps and flows at the same places, with the editor's zoom limits and initial fit.
 *
 * Targets: load to interactive <= 1.5 s and <= 1.0x plain React Flow; node-drag frame time
 * p95 <= 25 ms with <= 5% of frames over 25 ms (<= 1.2x); a remote edit visible in a second
 * browser p95 <= 50 ms, and within one frame (16.7 ms) of the same edit on the sender's own
 * screen; every flow between steps in view drawn on its steps, as opened and fitted. The ratio
 * is taken against the baseline with `onlyRenderVisibleElements` (as the editor renders); the
 * baseline that renders every node is printed too.
 *
 * Run after `pnpm build`:   node --import tsx bench/editor.ts
 * Environment: BENCH_RUNS (cold loads per page, default 5), BENCH_EDITS (default 30),
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, preview } from 'vite';
import * as Y from 'yjs';
import { absolutePosition, GEOMETRY, importJson, laneBands, readMap, type MapFile } from '@ketenkaart/shared';
import { startServer } from '../server/src/index.js';
import {
  centralNodeId,
  countDrawnFlows,
  dragNodeFrames,
  grabPoint,
  launchChromium,
  measureLoad,
  newBenchContext,
  NODE_SELECTOR,
  pageClockOffset,
  wheelZoomTo,
  type FlowCount,
  wireRecorder,
  wireTimes,
  type LoadTarget,
  type NodeBox,
} from './lib/browser.js';
import { generateMapFile } from './lib/generate.js';
import { median, percentile, printTable } from './lib/report.js';

const STEPS = 1_000;
const PARTNERS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const DRAG_MOVES = 60;
const SLOW_FRAME_MS = 25;
/** React Flow's default node is 150 px wide and about 36 px high with a one-line label. */
const DEFAULT_NODE = { width: 150, height: 40 };

const clientDist = fileURLToPath(new URL('../client/dist', import.meta.url));
const baselineRoot = fileURLToPath(new URL('./baseline', import.meta.url));
if (!existsSync(join(clientDist, 'index.html'))) {
  console.error(`editor bench: ${clientDist}/index.html is missing; run \`pnpm build\` first.`);
  process.exit(1);
}

/** The participant name the editor asks for once (client/src/session/presence/identity.ts), set so no dialog covers the map. */
const identity = (name: string): string =>
  `try { localStorage.setItem('ketenkaart:user', ${JSON.stringify(JSON.stringify({ name, color: '#0969da' }))}); } catch {}`;

/** Every step where the editor draws it: x, and lane top + y (shared rule SH-M4). */
function stepBoxes(file: MapFile): { boxes: NodeBox[]; map: ReturnType<typeof readMap> } {
  const doc = new Y.Doc();
  importJson(doc, JSON.stringify(file));
  const map = readMap(doc);
  const bands = new Map(laneBands(map).map((b) => [b.partner, b]));
  return { boxes: map.steps.map((s) => ({ id: s.id, ...absolutePosition(s, bands) })), map };
}

/** Builds bench/baseline with Vite into a temp dir, adds graph.json and serves it. */
async function serveBaseline(graph: unknown): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'ketenkaart-baseline-'));
  await build({
    root: baselineRoot,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  await writeFile(join(outDir, 'graph.json'), JSON.stringify(graph));
  const server = await preview({
    root: baselineRoot,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview has no local URL');
  return {
    url,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

interface Subject {
  readonly name: string;
  readonly url: string;
  readonly target: LoadTarget;
  readonly init?: string;
}

interface Figures {
  load: number[];
  rendered: number[];
  inView: number[];
  inDom: number[];
  /** Frame times of a drag in the initial (fitted) view, and at zoom 1. */
  framesFit: number[];
  framesZoom1: number[];
}

const emptyFigures = (): Figures => ({
  load: [],
  rendered: [],
  inView: [],
  inDom: [],
  framesFit: [],
  framesZoom1: [],
});

/** One cold load (fresh context: empty HTTP cache and IndexedDB), then a drag as loaded and one at zoom 1. */
async function loadAndDrag(browser: Browser, subject: Subject, out: Figures): Promise<void> {
  try {
    await loadAndDragOnce(browser, subject, out);
  } catch (e) {
    throw new Error(`${subject.name}: ${String(e)}`, { cause: e });
  }
}

async function loadAndDragOnce(browser: Browser, subject: Subject, out: Figures): Promise<void> {
  const context = await newBenchContext(browser);
  if (subject.init) await context.addInitScript({ content: subject.init });
  const { page, timing } = await measureLoad(context, subject.url, subject.target);
  out.load.push(timing.interactiveMs);
  out.rendered.push(timing.renderedMs);
  out.inView.push(timing.inView);
  out.inDom.push(timing.inDom);
  const ids = subject.target.nodes.map((n) => n.id);
  out.framesFit.push(...(await dragNodeFrames(page, await centralNodeId(page, ids), 240, DRAG_MOVES)));
  // Zoom in on a step near the middle, so there is something to grab at zoom 1.
  await wheelZoomTo(page, 1, await grabPoint(page, await centralNodeId(page, ids)));
  if (process.env.BENCH_SHOTS) await page.screenshot({ path: `${process.env.BENCH_SHOTS}/${subject.name}-zoom1.png` });
  out.framesZoom1.push(...(await dragNodeFrames(page, await centralNodeId(page, ids), 240, DRAG_MOVES)));
  await context.close();
}

/** Installs, in page B, a watcher that notes when the node's transform next changes. */
async function armRemoteWatch(page: Page, id: string): Promise<void> {
  await page.evaluate(
    ({ selector }) => {
      const w = window as unknown as { __benchSeen?: number | undefined; __benchObserver?: MutationObserver };
      const node = (): HTMLElement | null => document.querySelector<HTMLElement>(selector);
      const start = node()?.style.transform;
      w.__benchSeen = undefined;
      w.__benchObserver?.disconnect();
      const observer = new MutationObserver(() => {
        if (w.__benchSeen === undefined && node()?.style.transform !== start) {
          w.__benchSeen = performance.timeOrigin + performance.now();
          observer.disconnect();
        }
      });
      w.__benchObserver = observer;
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['style'], childList: true });
    },
    { selector: `${NODE_SELECTOR}[data-id="${id}"]` },
  );
}

/**
 * Installs, in page A, a note of the pointer move that moved the step: the time of the
 * latest pointer move when A's own drawing of the step first changes. (React Flow needs
 * a first move past its drag threshold before the node follows.)
 */
async function armLocalMove(page: Page, id: string): Promise<void> {
  await page.evaluate(
    ({ selector }) => {
      const w = window as unknown as { __benchMoved?: number | undefined; __benchLocal?: number | undefined };
      w.__benchMoved = undefined;
      w.__benchLocal = undefined;
      let last: number | undefined;
      const onMove = (e: PointerEvent): void => {
        last = performance.timeOrigin + e.timeStamp;
      };
      window.addEventListener('pointermove', onMove, { capture: true });
      const node = (): HTMLElement | null => document.querySelector<HTMLElement>(selector);
      const start = node()?.style.transform;
      const observer = new MutationObserver(() => {
        if (node()?.style.transform === start) return;
        w.__benchMoved = last;
        w.__benchLocal = performance.timeOrigin + performance.now();
        observer.disconnect();
        window.removeEventListener('pointermove', onMove, { capture: true });
      });
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['style'], childList: true });
    },
    { selector: `${NODE_SELECTOR}[data-id="${id}"]` },
  );
}

async function transformOf(page: Page, id: string): Promise<string> {
  return page.locator(`${NODE_SELECTOR}[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
}

/**
 * Two editors on one map, both at zoom 1. A drags a step sideways with the mouse,
 * EDITS times; each time we note when A's pointer move was dispatched and when B's
 * DOM shows the step elsewhere, corrected for the two renderer processes' clock offsets.
 */
/** Resolves once the page's service worker is installed and active (its precache done), 30 s at most. */
async function serviceWorkerInstalled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      'serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => undefined) : Promise.resolve(),
      new Promise<void>((resolve) => setTimeout(resolve, 30_000)),
    ]),
  );
}

async function remoteEdits(browser: Browser, subject: Subject) {
  const contexts: BrowserContext[] = [];
  const open = async (name: string): Promise<Page> => {
    const context = await newBenchContext(browser);
    contexts.push(context);
    await context.addInitScript({ content: identity(name) });
    await context.addInitScript(wireRecorder);
    const { page } = await measureLoad(context, subject.url, subject.target);
    return page;
  };
  const a = await open('Bench A');
  const b = await open('Bench B');
  // A first visit installs the service worker after the map is shown (CL-Z4), downloading the
  // whole build into its cache for a few seconds: the remote edits measure the editor once that
  // is done, as a workshop's edits meet it, not the first visit's download.
  await Promise.all([serviceWorkerInstalled(a), serviceWorkerInstalled(b)]);
  // Both zoom in on the same step, so B has it in view (the editor renders only what is in view).
  const id = await centralNodeId(
    a,
    subject.target.nodes.map((n) => n.id),
  );
  await wheelZoomTo(a, 1, await grabPoint(a, id));
  await wheelZoomTo(b, 1, await grabPoint(b, id));
  const start = await transformOf(b, id);
  let shownMoved = 0;
  const clockA = await pageClockOffset(a);
  const clockB = await pageClockOffset(b);
  const latencies: number[] = [];
  const localLatencies: number[] = [];
  const split = { sender: [] as number[], wire: [] as number[], receiver: [] as number[] };
  for (let i = 0; i < EDITS; i++) {
    const { x, y } = await grabPoint(a, id);
    await armRemoteWatch(b, id);
    await armLocalMove(a, id);
    await a.mouse.move(x, y);
    await a.mouse.down();
    await a.mouse.move(x + (i % 2 === 0 ? 60 : -60), y, { steps: 3 });
    await a.mouse.up();
    await b
      .waitForFunction(() => (window as unknown as { __benchSeen?: number }).__benchSeen !== undefined, undefined, {
        timeout: 10_000,
        polling: 20,
      })
      .catch(async (e: unknown) => {
        if (process.env.BENCH_SHOTS) {
          await a.screenshot({ path: `${process.env.BENCH_SHOTS}/remote-a.png` });
          await b.screenshot({ path: `${process.env.BENCH_SHOTS}/remote-b.png` });
        }
        throw new Error(`edit ${i}: page B never showed step ${id} move`, { cause: e });
      });
    const [moved, local] = await a.evaluate(() => {
      const w = window as unknown as { __benchMoved?: number; __benchLocal?: number };
      return [w.__benchMoved, w.__benchLocal];
    });
    const seen = await b.evaluate(() => (window as unknown as { __benchSeen?: number }).__benchSeen);
    if (moved === undefined || local === undefined || seen === undefined) throw new Error('an edit was not timed');
    latencies.push(seen - clockB.offset - (moved - clockA.offset));
    localLatencies.push(local - moved);
    // Split the remote time at the first update A sent and B received after the input.
    const sent = (await wireTimes(a)).sent.find((t) => t >= moved);
    const received = (await wireTimes(b)).received.find((t) => t - clockB.offset >= moved - clockA.offset);
    if (sent !== undefined && received !== undefined) {
      split.sender.push(sent - moved);
      split.wire.push(received - clockB.offset - (sent - clockA.offset));
      split.receiver.push(seen - received);
    }
    // Let the drop settle in both pages before the next edit: both draw the step at one place.
    const deadline = Date.now() + 10_000;
    while ((await transformOf(a, id)) !== (await transformOf(b, id))) {
      if (Date.now() > deadline) throw new Error(`edit ${i}: pages A and B disagree on where step ${id} is`);
    }
    // The edits go right and left in turn: after each odd one the step is back where it began.
    if ((await transformOf(b, id)) !== start) shownMoved++;
  }
  // The edits moved a step and re-routed its flows in B: every flow in B's view must still be
  // drawn on its steps, and the step must be where A put it (the last settle loop compared them).
  const afterEdits = await countDrawnFlows(b, flowEnds());
  for (const c of contexts) await c.close();
  return {
    latencies,
    localLatencies,
    split,
    afterEdits,
    moved: shownMoved,
    clockUncertainty: clockA.uncertainty + clockB.uncertainty,
  };
}

/** Every flow of the map by id: its source and target step. */
const flowEnds = (): Record<string, readonly [string, string]> =>
  Object.fromEntries(map.flows.map((f) => [f.id, [f.from, f.to] as const]));

/**
 * Opens the editor once and counts the flows it draws on their steps (rule CL-R14): as
 * opened, and after the fit shortcut (zoomed far out, where handles are hidden).
 */
async function flowCounts(browser: Browser, subject: Subject): Promise<{ opened: FlowCount; fitted: FlowCount }> {
  const ends = flowEnds();
  const context = await newBenchContext(browser);
  if (subject.init) await context.addInitScript({ content: subject.init });
  const { page } = await measureLoad(context, subject.url, subject.target);
  // Counted once the page has settled: the same count twice in a row, 200 ms apart.
  const settled = async (): Promise<FlowCount> => {
    let last = await countDrawnFlows(page, ends);
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(200);
      const next = await countDrawnFlows(page, ends);
      if (JSON.stringify(next) === JSON.stringify(last)) return next;
      last = next;
    }
    return last;
  };
  const opened = await settled();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  const fitted = await settled();
  await context.close();
  return { opened, fitted };
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const pct = (n: number): string => `${n.toFixed(1)} %`;
const times = (ours: number, base: number): string => `${(ours / base).toFixed(2)}x`;
const verdict = (ok: boolean): string => (ok ? 'OK' : 'MISSED');
const slowShare = (frames: readonly number[]): number =>
  (100 * frames.filter((f) => f > SLOW_FRAME_MS).length) / Math.max(1, frames.length);

const file = generateMapFile({ steps: STEPS, partners: PARTNERS, seed: 42 });
const { boxes, map } = stepBoxes(file);
const graph = {
  nodes: boxes.map((b) => ({ id: b.id, position: { x: b.x, y: b.y }, data: { label: map.stepById.get(b.id)!.label } })),
  edges: map.flows.map((f) => ({ id: f.id, source: f.from, target: f.to, label: f.label })),
};
const dataDir = await mkdtemp(join(tmpdir(), 'ketenkaart-bench-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: clientDist });
const baseline = await serveBaseline(graph);
const browser = await launchChromium();
try {
  const created = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file),
  });
  if (created.status !== 201) throw new Error(`POST /api/maps answered ${created.status}: ${await created.text()}`);
  const { editUrl } = (await created.json()) as { editUrl: string };

  const editor: Subject = {
    name: 'editor',
    url: new URL(editUrl, server.url).href,
    target: { nodes: boxes, width: GEOMETRY.stepWidth, height: GEOMETRY.stepHeight },
    init: identity('Bench'),
  };
  const plainVisible: Subject = {
    name: 'React Flow, visible only',
    url: `${baseline.url}?visibleOnly`,
    target: { nodes: boxes, ...DEFAULT_NODE },
  };
  const plainAll: Subject = {
    name: 'React Flow, all nodes',
    url: baseline.url,
    target: { nodes: boxes, ...DEFAULT_NODE },
  };
  const subjects = [editor, plainVisible, plainAll];
  const figures = new Map(subjects.map((s) => [s, emptyFigures()]));

  // Warm up once each (Chromium's start-up, the server's first room load), then take turns.
  for (const s of subjects) await loadAndDrag(browser, s, emptyFigures());
  for (let run = 0; run < RUNS; run++) for (const s of subjects) await loadAndDrag(browser, s, figures.get(s)!);
  const remote = await remoteEdits(browser, editor);
  const flows = await flowCounts(browser, editor);

  const ours = figures.get(editor)!;
  const base = figures.get(plainVisible)!;
  const all = figures.get(plainAll)!;
  const column = <T>(f: (x: Figures) => T): T[] => [f(ours), f(base), f(all)];
  const loadOurs = median(ours.load);
  const loadBase = median(base.load);
  const fitOurs = percentile(ours.framesFit, 95);
  const fitBase = percentile(base.framesFit, 95);
  const z1Ours = percentile(ours.framesZoom1, 95);
  const z1Base = percentile(base.framesZoom1, 95);
  const allFrames = [...ours.framesFit, ...ours.framesZoom1];
  const remoteP95 = percentile(remote.latencies, 95);
  const localP95 = percentile(remote.localLatencies, 95);
  const flowRow = (name: string, c: FlowCount): string[] => [
    name,
    `${c.drawn} / ${c.inView} (${c.astray} astray)`,
    '',
    '',
    '',
    `all on their steps ${verdict(c.inView > 0 && c.drawn === c.inView && c.astray === 0)}`,
  ];

  console.log(
    `editor bench: ${STEPS} steps, ${map.flows.length} flows, ${PARTNERS} lanes; headless Chromium, 1400x900; ` +
      `${RUNS} cold loads per page (median), each followed by a ${DRAG_MOVES}-move drag as loaded and at zoom 1; ` +
      `${EDITS} remote edits`,
  );
  printTable([
    ['', editor.name, plainVisible.name, plainAll.name, 'ratio', 'target'],
    [
      'load to interactive (median)',
      ...column((x) => ms(median(x.load))),
      times(loadOurs, loadBase),
      `<= 1500 ms ${verdict(loadOurs <= 1500)}; <= 1.0x ${verdict(loadOurs / loadBase <= 1.0)}`,
    ],
    ['load to interactive (worst)', ...column((x) => ms(Math.max(...x.load))), '', ''],
    ['steps in view rendered (median)', ...column((x) => ms(median(x.rendered))), '', ''],
    ['steps wholly in view / nodes in DOM', ...column((x) => `${median(x.inView)} / ${median(x.inDom)}`), '', ''],
    [
      'drag frame p95, as loaded',
      ...column((x) => ms(percentile(x.framesFit, 95))),
      times(fitOurs, fitBase),
      `<= 25 ms ${verdict(fitOurs <= 25)}; <= 1.2x ${verdict(fitOurs / fitBase <= 1.2)}`,
    ],
    [
      'drag frame p95, zoom 1',
      ...column((x) => ms(percentile(x.framesZoom1, 95))),
      times(z1Ours, z1Base),
      `<= 25 ms ${verdict(z1Ours <= 25)}; <= 1.2x ${verdict(z1Ours / z1Base <= 1.2)}`,
    ],
    [
      `drag frames over ${SLOW_FRAME_MS} ms (both drags)`,
      ...column((x) => pct(slowShare([...x.framesFit, ...x.framesZoom1]))),
      '',
      `<= 5 % ${verdict(slowShare(allFrames) <= 5)}`,
    ],
    ['drag frames measured', ...column((x) => String(x.framesFit.length + x.framesZoom1.length)), '', ''],
    [
      'remote edit visible p95',
      ms(remoteP95),
      `own screen: ${ms(localP95)}`,
      '',
      `${times(remoteP95, localP95)} own`,
      `<= 50 ms ${verdict(remoteP95 <= 50)}`,
    ],
    [
      'remote edit visible median / max',
      `${ms(median(remote.latencies))} / ${ms(Math.max(...remote.latencies))}`,
      '',
      '',
      '',
      `clock offset error <= ${remote.clockUncertainty.toFixed(1)} ms`,
    ],
    ['  of which: A input -> A sends (median)', ms(median(remote.split.sender)), '', '', '', ''],
    ['  of which: A sends -> B receives (median)', ms(median(remote.split.wire)), '', '', '', 'server and loopback'],
    ['  of which: B receives -> B shows (median)', ms(median(remote.split.receiver)), '', '', '', ''],
    [
      'same edit visible in page A itself, p95',
      ms(localP95),
      '',
      '',
      '',
      `remote - own <= 16.7 ms (one frame): ${ms(remoteP95 - localP95)} ${verdict(remoteP95 - localP95 <= 16.7)}`,
    ],
    [
      'remote edit really shown in page B',
      `${remote.latencies.length} / ${EDITS} edits seen`,
      '',
      '',
      '',
      `step at A's place in B after each, moved after ${remote.moved} ${verdict(remote.latencies.length === EDITS && remote.moved === Math.ceil(EDITS / 2))}`,
    ],
    flowRow('flows drawn / between steps in view, B after the edits', remote.afterEdits),
    flowRow('flows drawn / between steps in view, as opened', flows.opened),
    flowRow('flows drawn / between steps in view, fitted', flows.fitted),
  ]);
} finally {
  await browser.close();
  await baseline.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
