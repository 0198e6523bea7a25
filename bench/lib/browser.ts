/**
 * Browser measurements for the client bench, in Debian's Chromium through
 * playwright-core (never a downloaded browser). The same probes run on the editor
 * and on the plain React Flow baseline, so their figures can be set side by side.
 */
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';

export { launchChromium };

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`;
 * a function sent to the page with `evaluate` then needs that helper there too.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (f) => f;';

/** A fresh context (own storage, like another laptop) whose pages can run bench probes. */
export async function newBenchContext(
  browser: Browser,
  viewport = { width: 1400, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  // Installed as page source, not built with `new Function`, which the app's CSP forbids.
  await context.addInitScript({ content: `window.__benchGrab = ${grabPointIn.toString()};` });
  return context;
}

/** React Flow's node elements carry the node id in `data-id`. */
export const NODE_SELECTOR = '.react-flow__node';

/** Where a node sits in flow coordinates (top-left corner). */
export interface NodeBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The nodes a page should show, with the size each is drawn at (flow units). */
export interface LoadTarget {
  readonly nodes: readonly NodeBox[];
  readonly width: number;
  readonly height: number;
}

interface LoadProbe {
  rendered?: number;
  interactive?: number;
  /** How many expected nodes were wholly inside the pane, and how many nodes were in the DOM. */
  inView?: number;
  inDom?: number;
}

declare global {
  interface Window {
    __benchLoad?: LoadProbe;
  }
}

/**
 * Installed before any page script. On every animation frame it reads React Flow's
 * viewport transform, works out which expected nodes lie wholly inside the pane, and
 * checks that each of them is in the DOM and not hidden (React Flow hides nodes until
 * measured; the editor renders only visible nodes, so "all steps rendered" means all
 * steps in view). The first frame of a run of `stable` frames in which that holds,
 * with an unchanged transform and at least one node in view, is "rendered"; the first
 * task that runs after it is "interactive" (the main thread is free, so an input
 * event would be handled). Times are ms since navigation start.
 */
function loadProbe(o: { selector: string; target: LoadTarget; stable: number }): void {
  const probe: LoadProbe = {};
  window.__benchLoad = probe;
  const ids = new Set(o.target.nodes.map((n) => n.id));
  let since: number | undefined;
  let candidate: number | undefined;
  let generation = 0;
  let frames = 0;
  let lastTransform = '';
  const channel = new MessageChannel();
  channel.port1.onmessage = (e: MessageEvent<number>) => {
    if (e.data === generation) candidate ??= performance.now();
  };
  const check = (): { inView: number; inDom: number; transform: string } | undefined => {
    const pane = document.querySelector('.react-flow');
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const m = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(viewport?.style.transform ?? '');
    if (!pane || !viewport || !m) return undefined;
    const [tx, ty, k] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const r = pane.getBoundingClientRect();
    const shown = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>(o.selector)) {
      const id = el.dataset.id ?? '';
      if (ids.has(id) && el.style.visibility !== 'hidden') shown.add(id);
    }
    let inView = 0;
    for (const n of o.target.nodes) {
      const x = r.left + tx + n.x * k;
      const y = r.top + ty + n.y * k;
      if (x < r.left || y < r.top || x + o.target.width * k > r.right || y + o.target.height * k > r.bottom) continue;
      if (!shown.has(n.id)) return undefined;
      inView++;
    }
    return inView > 0 ? { inView, inDom: shown.size, transform: viewport.style.transform } : undefined;
  };
  const tick = (): void => {
    const ok = check();
    if (ok && since !== undefined && ok.transform === lastTransform) {
      frames++;
    } else {
      since = ok ? performance.now() : undefined;
      candidate = undefined;
      frames = ok ? 1 : 0;
      generation++;
      if (ok) channel.port2.postMessage(generation);
    }
    lastTransform = ok?.transform ?? '';
    if (ok && frames >= o.stable && candidate !== undefined) {
      Object.assign(probe, { rendered: since, interactive: candidate, inView: ok.inView, inDom: ok.inDom });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export interface LoadTiming {
  /** Navigation start to every expected node in view rendered. */
  readonly renderedMs: number;
  /** Navigation start to the first free task after that (the page accepts input). */
  readonly interactiveMs: number;
  readonly inView: number;
  readonly inDom: number;
}

/**
 * Opens `url` in a new page of `context` and times it to interactive (see `loadProbe`).
 * The page stays open for more probes.
 */
export async function measureLoad(
  context: BrowserContext,
  url: string,
  target: LoadTarget,
): Promise<{ page: Page; timing: LoadTiming }> {
  const page = await context.newPage();
  await page.addInitScript(loadProbe, { selector: NODE_SELECTOR, target, stable: 5 });
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const p = window.__benchLoad;
      return p?.interactive === undefined
        ? undefined
        : { renderedMs: p.rendered!, interactiveMs: p.interactive, inView: p.inView!, inDom: p.inDom! };
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const timing = (await handle.jsonValue()) as LoadTiming;
  return { page, timing };
}

/**
 * How far a page's clock (`performance.timeOrigin + performance.now()`) is ahead of
 * this process's, so times taken in two pages (two renderer processes) can be
 * compared. NTP-style: the round trip with the least delay wins; its half-width is
 * the uncertainty.
 */
export async function pageClockOffset(page: Page, rounds = 25): Promise<{ offset: number; uncertainty: number }> {
  const now = (): number => performance.timeOrigin + performance.now();
  let best = { offset: 0, uncertainty: Number.POSITIVE_INFINITY };
  for (let i = 0; i < rounds; i++) {
    const before = now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = now();
    const half = (after - before) / 2;
    if (half < best.uncertainty) best = { offset: inPage - (before + half), uncertainty: half };
  }
  return best;
}

/** Starts recording animation-frame timestamps in the page. */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frames: number[] = [];
    const w = window as unknown as { __benchFrames: { frames: number[]; on: boolean } };
    w.__benchFrames = { frames, on: true };
    const tick = (t: number): void => {
      if (!w.__benchFrames.on) return;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops recording; returns the time between consecutive frames, in ms. */
export async function stopFrameRecorder(page: Page): Promise<number[]> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: { frames: number[]; on: boolean } };
    w.__benchFrames.on = false;
    return w.__benchFrames.frames;
  });
  return frames.slice(1).map((t, i) => t - frames[i]!);
}

/**
 * A point on the node where a person could grab it: the element there belongs to the
 * node and is not one of its connection handles, nor an edge or another node drawn
 * over it. Tries the middle first, then points around it. Undefined if there is none.
 */
function grabPointIn(el: HTMLElement): { x: number; y: number } | undefined {
  const r = el.getBoundingClientRect();
  for (const fy of [0.5, 0.3, 0.7]) {
    for (const fx of [0.5, 0.35, 0.65, 0.2, 0.8]) {
      const x = r.x + r.width * fx;
      const y = r.y + r.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && el.contains(hit) && !hit.closest('.react-flow__handle, input')) return { x, y };
    }
  }
  return undefined;
}

interface Grab {
  __benchGrab?: (el: HTMLElement) => { x: number; y: number } | undefined;
}

/** Where to grab a node (see `grabPointIn`). */
export async function grabPoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector);
    return el ? (window as Grab).__benchGrab?.(el) : undefined;
  }, `${NODE_SELECTOR}[data-id="${id}"]`);
  if (!point) throw new Error(`node ${id} cannot be grabbed`);
  return point;
}

/**
 * The id of the rendered node among `ids` that can be grabbed nearest the middle of
 * the React Flow pane: a drag starts on screen, on a step, as a person's would.
 */
export async function centralNodeId(page: Page, ids: readonly string[]): Promise<string> {
  const id = await page.evaluate(
    ({ selector, ids }) => {
      const want = new Set(ids);
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const cx = pane ? pane.x + pane.width / 2 : window.innerWidth / 2;
      const cy = pane ? pane.y + pane.height / 2 : window.innerHeight / 2;
      let best: { id: string; d: number } | undefined;
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (!want.has(el.dataset.id ?? '')) continue;
        const p = (window as Grab).__benchGrab?.(el);
        if (!p) continue;
        const d = Math.hypot(p.x - cx, p.y - cy);
        if (!best || d < best.d) best = { id: el.dataset.id!, d };
      }
      return best?.id;
    },
    { selector: NODE_SELECTOR, ids: [...ids] },
  );
  if (!id) throw new Error('none of the expected nodes can be grabbed');
  return id;
}

/**
 * Drags the node with React Flow id `id` sideways by `distance` screen pixels, towards
 * the middle of the pane (so it stays in view), with the mouse in `moves` small moves,
 * recording frame times from press to release. Throws if the node did not follow, so
 * a drag that silently missed never reports smooth frames.
 */
export async function dragNodeFrames(page: Page, id: string, distance: number, moves: number): Promise<number[]> {
  const node = page.locator(`${NODE_SELECTOR}[data-id="${id}"]`);
  const before = await node.boundingBox();
  const pane = await page.locator('.react-flow').boundingBox();
  if (!before || !pane) throw new Error(`node ${id} is not rendered`);
  const { x, y } = await grabPoint(page, id);
  const dx = x < pane.x + pane.width / 2 ? distance : -distance;
  await page.mouse.move(x, y);
  await startFrameRecorder(page);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) await page.mouse.move(x + (dx * i) / moves, y);
  await page.mouse.up();
  const frames = await stopFrameRecorder(page);
  const after = await node.boundingBox({ timeout: 5_000 }).catch(() => null);
  if (!after || Math.abs(after.x - before.x) < distance / 2) {
    throw new Error(`node ${id} did not follow the drag (from ${JSON.stringify(before)} to ${JSON.stringify(after)})`);
  }
  return frames;
}

/** React Flow's current zoom, read from the viewport transform. */
export async function currentZoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
    return Number(/scale\(([-\d.e]+)\)/.exec(t)?.[1] ?? Number.NaN);
  });
}

/**
 * Zooms with the mouse wheel until the zoom reaches `target`, the mouse over `at`
 * (default: the middle of the pane), which stays where it is on screen.
 */
export async function wheelZoomTo(page: Page, target: number, at?: { x: number; y: number }): Promise<void> {
  const box = await page.locator('.react-flow').boundingBox();
  if (!box) throw new Error('no React Flow pane');
  await page.mouse.move(at?.x ?? box.x + box.width / 2, at?.y ?? box.y + box.height / 2);
  for (let i = 0; i < 100; i++) {
    const zoom = await currentZoom(page);
    if (Math.abs(Math.log2(zoom / target)) < 0.03) return;
    // d3-zoom (inside React Flow) scales by 2^(-deltaY * 0.002) per wheel event.
    const delta = Math.max(-500, Math.min(500, -Math.log2(target / zoom) / 0.002));
    await page.mouse.wheel(0, delta);
    await page.waitForFunction((before) => {
      const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
      return Number(/scale\(([-\d.e]+)\)/.exec(t)?.[1]) !== before;
    }, zoom);
  }
  throw new Error(`could not zoom to ${target} (at ${await currentZoom(page)})`);
}

/** Times (ms since the epoch, high resolution) at which y-websocket sync updates left or reached a page. */
export interface WireTimes {
  sent: number[];
  received: number[];
}

/**
 * An init script that wraps `WebSocket` and notes when each y-websocket sync update
 * (a frame starting with message type 0, sub-type 2) is sent or received, so a remote
 * edit's time can be split into sender, network and server, and receiver.
 */
export function wireRecorder(): void {
  const times: WireTimes = { sent: [], received: [] };
  (window as unknown as { __benchWire: WireTimes }).__benchWire = times;
  const isUpdate = (data: unknown): boolean => {
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : null;
    return bytes !== null && bytes[0] === 0 && bytes[1] === 2;
  };
  const Native = window.WebSocket;
  class RecordingWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e: MessageEvent) => {
        if (isUpdate(e.data)) times.received.push(performance.timeOrigin + performance.now());
      });
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (isUpdate(data)) times.sent.push(performance.timeOrigin + performance.now());
      super.send(data);
    }
  }
  window.WebSocket = RecordingWebSocket;
}

/** The wire times noted so far in a page with `wireRecorder` installed. */
export function wireTimes(page: Page): Promise<WireTimes> {
  return page.evaluate(() => (window as unknown as { __benchWire: WireTimes }).__benchWire);
}

/** How many of a map's flows a page draws where they belong (see `countDrawnFlows`). */
export interface FlowCount {
  /** Flows whose two steps are both wholly inside the pane. */
  readonly inView: number;
  /** Of those, the ones with a path that starts on the source's right side and ends on the target's left side. */
  readonly drawn: number;
  /** Paths on the page that start or end away from their steps (by more than 1.5 screen px). */
  readonly astray: number;
}

/**
 * Counts, in the page as it is, the flows between steps wholly in view and how many of them
 * have a path whose ends lie on their steps' sides on screen. `ends` maps a flow id to its
 * source and target step ids. A flow that is not drawn, or drawn away from its steps, makes
 * `drawn` smaller than `inView`.
 */
export function countDrawnFlows(page: Page, ends: Record<string, readonly [string, string]>): Promise<FlowCount> {
  return page.evaluate((ends) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const rectOf = (id: string): DOMRect | undefined =>
      document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getBoundingClientRect();
    const wholly = (r: DOMRect | undefined): r is DOMRect =>
      !!r && !!pane && r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
    const off = (p: DOMPoint, r: DOMRect, x: number): number =>
      Math.hypot(p.x - x, p.y < r.top ? r.top - p.y : p.y > r.bottom ? p.y - r.bottom : 0);
    let inView = 0;
    let drawn = 0;
    let astray = 0;
    for (const [id, [from, to]] of Object.entries(ends)) {
      const source = rectOf(from);
      const target = rectOf(to);
      const both = wholly(source) && wholly(target);
      if (both) inView++;
      const path = document.querySelector<SVGPathElement>(
        `.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`,
      );
      const ctm = path?.getScreenCTM();
      if (!path || !ctm || !source || !target) continue;
      const start = path.getPointAtLength(0).matrixTransform(ctm);
      const end = path.getPointAtLength(path.getTotalLength()).matrixTransform(ctm);
      const onSteps = off(start, source, source.right) <= 1.5 && off(end, target, target.left) <= 1.5;
      if (!onSteps) astray++;
      else if (both) drawn++;
    }
    return { inView, drawn, astray };
  }, ends);
}
