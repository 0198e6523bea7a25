/**
 * Bench: browse mode on a generated 1,000-step map (10 lanes, lib/generate.ts seed 42) through
 * the view link in headless Chromium (client rules CL-B2, CL-B3, CL-B5).
 *
 * Targets: recomputing the highlight <= 16 ms (a click on a step in the panel to the new
 * highlight in the document: the chain queries, the style sheet, React's commit); search results
 * <= 50 ms after a keystroke (keydown to the result list changed); a deep link opened in a
 * fresh page to its first frame with the focused step lit, in view and legible (label >= 11 px
 * on screen) <= 2 s.
 *
 * References measured in the same page and run, with the ratio: for the highlight, a naive
 * full-scan breadth-first walk (every flow scanned at every level) over the page's own snapshot;
 * for the search, a naive substring scan over every label, description and contact; for the deep
 * link, the same view link opened without a focus to its first frame with a legible step label.
 * Results are checked: the lit steps equal shared's `stepFocus` computed here, and each query's
 * intended step is among the results (first for a prefix); a wrong result fails the run.
 *
 * Run after `pnpm build`:   node --import tsx bench/browse.ts
 * Environment: BENCH_RUNS (deep-link opens, default 5), BENCH_FOCUS (focus changes, default 30),
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { importJson, readMap, stepFocus, type MapSnapshot } from '@ketenkaart/shared';
import { startServer } from '../server/src/index.js';
import { launchChromium, newBenchContext } from './lib/browser.js';
import { generateMapFile } from './lib/generate.js';
import { median, percentile, printTable } from './lib/report.js';

const STEPS = 1_000;
const PARTNERS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FOCUS_CHANGES = Number(process.env.BENCH_FOCUS ?? 30);
const TARGET = { highlight: 16, search: 50, deepLink: 2_000 };

const clientDist = fileURLToPath(new URL('../client/dist', import.meta.url));
if (!existsSync(join(clientDist, 'index.html'))) {
  console.error(`browse bench: ${clientDist}/index.html is missing; run \`pnpm build\` first.`);
  process.exit(1);
}

const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
const ms = (x: number): string => `${x.toFixed(1)} ms`;
let wrong = 0;
function check(ok: boolean, what: string): void {
  if (ok) return;
  wrong++;
  console.error(`WRONG: ${what}`);
}

/**
 * In the page: from a focus change (a new address, as a pasted deep link or the back button
 * gives) to the highlight's style sheet changing, then to the style being applied (computed
 * opacity read) and to the next frame.
 */
async function focusTimes(
  page: Page,
  hash: string,
): Promise<{ commit: number; style: number; frame: number; css: string }> {
  return page.evaluate(async (hash) => {
    const style = document.querySelector('[data-testid="browse-highlight"]')!;
    const out = { t0: 0, commit: 0 };
    const done = new Promise<void>((resolve) => {
      const mo = new MutationObserver(() => {
        out.commit = performance.now();
        mo.disconnect();
        resolve();
      });
      mo.observe(style, { childList: true, characterData: true, subtree: true });
    });
    // The address changes now; the browser sends `hashchange` (which the app follows) in a task.
    out.t0 = performance.now();
    location.hash = hash;
    await done;
    const node = document.querySelector('.react-flow__node-step');
    if (node) void getComputedStyle(node).opacity;
    const styled = performance.now();
    await new Promise((r) => requestAnimationFrame(r));
    return {
      commit: out.commit - out.t0,
      style: styled - out.t0,
      frame: performance.now() - out.t0,
      css: style.textContent ?? '',
    };
  }, hash);
}

/**
 * In the page: a click on a step named in the browse panel (as a reader moves along the chain):
 * from the click to the highlight's style sheet changing (React's commit), then to the style
 * applied (after the next task) and to the next frame.
 */
async function clickTimes(
  page: Page,
  pick: number,
): Promise<{ commit: number; style: number; frame: number; css: string; step: string; depth: number }> {
  return page.evaluate(async (pick) => {
    const links = [...document.querySelectorAll<HTMLElement>('[data-testid="browse-step-link"]')];
    const link = links[pick % links.length]!;
    const style = document.querySelector('[data-testid="browse-highlight"]')!;
    // React renders a click's update in a microtask after the handler: the style sheet's change
    // is seen by a mutation observer, whose callback runs right after that commit.
    let changed = 0;
    const mo = new MutationObserver(() => {
      changed = performance.now();
      mo.disconnect();
    });
    mo.observe(style, { childList: true, characterData: true, subtree: true });
    const t0 = performance.now();
    link.click();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    const commit = changed ? changed - t0 : Number.NaN;
    mo.disconnect();
    const node = document.querySelector('.react-flow__node-step');
    if (node) void getComputedStyle(node).opacity;
    const styled = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(r));
    const d = new URLSearchParams(location.hash.slice(1)).get('depth');
    return {
      commit,
      style: styled,
      frame: performance.now() - t0,
      css: style.textContent ?? '',
      step: link.getAttribute('data-step-id') ?? '',
      depth: d ? Number(d) : Number.POSITIVE_INFINITY,
    };
  }, pick);
}

/** In the page: the naive reference walk for the same focus over the page's snapshot. */
async function naiveWalk(page: Page, step: string, depth: number): Promise<{ ms: number; size: number }> {
  return page.evaluate(
    ({ step, depth }) => {
      type Flow = { from: string; to: string };
      const session = (window as unknown as { __ketenkaart: { snapshots: { getSnapshot(): { flows: Flow[] } } } })
        .__ketenkaart;
      const flows = session.snapshots.getSnapshot().flows;
      const t0 = performance.now();
      const lit = new Set([step]);
      for (const dir of ['up', 'down'] as const) {
        const seen = new Set([step]);
        let frontier = [step];
        for (let d = 1; frontier.length > 0 && d <= depth; d++) {
          const next: string[] = [];
          for (const id of frontier)
            for (const f of flows) {
              const [near, far] = dir === 'down' ? [f.from, f.to] : [f.to, f.from];
              if (near === id && !seen.has(far)) {
                seen.add(far);
                next.push(far);
                lit.add(far);
              }
            }
          frontier = next;
        }
      }
      return { ms: performance.now() - t0, size: lit.size };
    },
    { step, depth },
  );
}

/**
 * In the page: types one character with a real key press; keydown to the result list changing
 * (or, when the list stays the same, to the end of the input event's handling, when React has
 * rendered it: a window listener in the bubbling phase runs after React's root listener).
 */
async function keystroke(page: Page, char: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { t0: number; input: number; mutated: number } };
    const list = document.querySelector('.kk-browse-search')!;
    w.__bench = { t0: 0, input: 0, mutated: 0 };
    const mo = new MutationObserver(() => {
      w.__bench.mutated = performance.now();
      mo.disconnect();
    });
    mo.observe(list, { childList: true, subtree: true, characterData: true });
    window.addEventListener('keydown', () => (w.__bench.t0 = performance.now()), { once: true, capture: true });
    window.addEventListener('input', () => (w.__bench.input = performance.now()), { once: true });
    (w.__bench as unknown as { mo: MutationObserver }).mo = mo;
  });
  await page.keyboard.type(char);
  return page.evaluate(async () => {
    const w = window as unknown as { __bench: { t0: number; input: number; mutated: number } };
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    (w.__bench as unknown as { mo: MutationObserver }).mo.disconnect();
    const end = w.__bench.mutated || w.__bench.input;
    return end - w.__bench.t0;
  });
}

/** In the page: the naive reference search, a substring scan over every step's texts. */
async function naiveSearch(page: Page, query: string): Promise<number> {
  return page.evaluate((query) => {
    type Step = { label: string; description: string; contact: string };
    const session = (window as unknown as { __ketenkaart: { snapshots: { getSnapshot(): { steps: Step[] } } } })
      .__ketenkaart;
    const steps = session.snapshots.getSnapshot().steps;
    const t0 = performance.now();
    const norm = (s: string): string =>
      s
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
    const q = norm(query);
    let hits = 0;
    for (const s of steps) if (norm(`${s.label} ${s.description} ${s.contact}`).includes(q)) hits++;
    void hits;
    return performance.now() - t0;
  }, query);
}

/** A fresh page opening `url`: time from navigation to the first frame where `ready` holds. */
async function openTimed(browser: Browser, url: string, focusStep: string | null): Promise<number> {
  const context = await newBenchContext(browser, { width: 1400, height: 900 });
  await context.addInitScript({
    content: `(() => {
      const focus = ${JSON.stringify(focusStep)};
      const legible = (el) => {
        const vp = document.querySelector('.react-flow__viewport');
        const canvas = document.querySelector('.react-flow');
        if (!vp || !canvas) return false;
        const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
        const label = el.querySelector('[data-testid="step-label"]');
        if (!label || parseFloat(getComputedStyle(label).fontSize) * zoom < 11) return false;
        const r = el.getBoundingClientRect(), c = canvas.getBoundingClientRect();
        return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
      };
      const tick = () => {
        let ok = false;
        if (focus) {
          const el = document.querySelector('.react-flow__node[data-id="' + focus + '"]');
          const css = document.querySelector('[data-testid="browse-highlight"]');
          ok = !!el && !!css && css.textContent !== '' && getComputedStyle(el).opacity === '1' && legible(el);
        } else {
          ok = [...document.querySelectorAll('.react-flow__node-step')].some(legible);
        }
        if (ok) window.__benchReady = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })();`,
  });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __benchReady?: number }).__benchReady !== undefined,
      null,
      {
        timeout: 30_000,
        polling: 50,
      },
    );
    return await page.evaluate(() => (window as unknown as { __benchReady: number }).__benchReady);
  } finally {
    await context.close();
  }
}

const file = generateMapFile({ steps: STEPS, partners: PARTNERS, seed: 42 });
const doc = new Y.Doc();
importJson(doc, JSON.stringify(file));
const map: MapSnapshot = readMap(doc);
const dataDir = await mkdtemp(join(tmpdir(), 'ketenkaart-bench-browse-'));
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: clientDist });
const browser = await launchChromium();
try {
  const created = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file),
  });
  if (created.status !== 201) throw new Error(`POST /api/maps answered ${created.status}: ${await created.text()}`);
  const { viewUrl } = (await created.json()) as { viewUrl: string };
  const view = new URL(viewUrl, server.url);
  const token = view.hash.slice(1);

  // Deep links, cold, alternating with the plain view link (the reference); one warm-up each.
  const focusStep = 's500';
  const deep = `${view.href}&step=${focusStep}&depth=2`;
  await openTimed(browser, deep, focusStep);
  await openTimed(browser, view.href, null);
  const deepTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    deepTimes.push(await openTimed(browser, deep, focusStep));
    plainTimes.push(await openTimed(browser, view.href, null));
  }

  // Highlight and search in one page.
  const context = await newBenchContext(browser, { width: 1400, height: 900 });
  const page = await context.newPage();
  await page.goto(`${view.href}&step=s10`);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="browse-highlight"]')?.textContent !== '',
    null,
    {
      timeout: 30_000,
    },
  );
  const commit: number[] = [];
  const styled: number[] = [];
  const frames: number[] = [];
  const byAddress: number[] = [];
  const naive: number[] = [];
  const depths = [1, 2, Number.POSITIVE_INFINITY];
  let litTotal = 0;
  const flowIds = new Set(map.flows.map((f) => f.id));
  const checkLit = (css: string, step: string, depth: number): number => {
    const expected = stepFocus(map, step, depth)!;
    const lit = [...css.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]!);
    const litSteps = new Set(lit.filter((id) => !flowIds.has(id) && map.stepById.has(id)));
    check(
      litSteps.size === expected.steps.size && [...litSteps].every((id) => expected.steps.has(id)),
      `focus ${step} depth ${depth}: ${litSteps.size} steps lit, shared says ${expected.steps.size}`,
    );
    return expected.steps.size;
  };
  for (let i = 0; i < FOCUS_CHANGES; i++) {
    // A new address (depth in turn), then a click in the panel at that depth.
    const step = `s${(i * 97 + 31) % STEPS}`;
    const depth = depths[i % depths.length]!;
    const t = await focusTimes(page, `${token}&step=${step}${Number.isFinite(depth) ? `&depth=${depth}` : ''}`);
    byAddress.push(t.commit);
    checkLit(t.css, step, depth);
    const c = await clickTimes(page, i * 7);
    check(!Number.isNaN(c.commit), `a click on ${c.step} changed no highlight`);
    commit.push(c.commit);
    styled.push(c.style);
    frames.push(c.frame);
    litTotal += checkLit(c.css, c.step, c.depth);
    const ref = await naiveWalk(page, c.step, c.depth);
    check(ref.size === stepFocus(map, c.step, c.depth)!.steps.size, `reference walk for ${c.step} found ${ref.size}`);
    naive.push(ref.ms);
  }

  // Search: queries typed a key at a time into an empty field.
  const queries = [
    { text: 'processtap 512', expect: 's512', first: true },
    { text: `processtap 77 ${map.stepById.get('s77')!.label.split(' ')[2]!.slice(0, 4)}`, expect: 's77', first: true },
    // A typo in the random word of s300's label.
    {
      text: map.stepById
        .get('s300')!
        .label.split(' ')[2]!
        .replace(/^(.)(.)/, '$2$1'),
      expect: 's300',
      first: false,
    },
  ];
  await page.locator('#kk-search').click();
  const keyTimes: number[] = [];
  const naiveKey: number[] = [];
  for (const q of queries) {
    await page.locator('#kk-search').fill('');
    for (let i = 0; i < q.text.length; i++) {
      const ch = q.text[i]!;
      // A space changes no result list when the words before it already matched: measure the others.
      if (ch === ' ') {
        await page.keyboard.type(ch);
        continue;
      }
      keyTimes.push(await keystroke(page, ch));
      naiveKey.push(await naiveSearch(page, q.text.slice(0, i + 1)));
    }
    const ids = await page
      .locator('[data-testid="search-result"][data-kind="step"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    check(
      q.first ? ids[0] === q.expect : ids.slice(0, 3).includes(q.expect),
      `search "${q.text}" gave ${ids.slice(0, 3).join(', ')}, want ${q.expect}`,
    );
  }
  await context.close();

  console.log(`browse mode on ${STEPS} steps, ${map.flows.length} flows, ${PARTNERS} lanes (seed 42)`);
  console.log(
    `highlight: ${FOCUS_CHANGES} focus changes over depths 1, 2 and the whole chain, ${Math.round(litTotal / FOCUS_CHANGES)} steps lit on average`,
  );
  printTable([
    ['figure', 'median', 'p95', 'reference (median)', 'ratio (median)', 'target'],
    [
      'highlight: click -> new highlight in the document',
      ms(median(commit)),
      ms(percentile(commit, 95)),
      `naive BFS ${ms(median(naive))}`,
      ratio(median(commit), median(naive)),
      `<= ${TARGET.highlight} ms`,
    ],
    ['highlight: ... -> style applied', ms(median(styled)), ms(percentile(styled, 95)), '', '', ''],
    ['highlight: ... -> next frame', ms(median(frames)), ms(percentile(frames, 95)), '', '', ''],
    ['highlight: new address -> new highlight', ms(median(byAddress)), ms(percentile(byAddress, 95)), '', '', ''],
    [
      'search: keydown -> results shown',
      ms(median(keyTimes)),
      ms(percentile(keyTimes, 95)),
      `naive scan ${ms(median(naiveKey))}`,
      ratio(median(keyTimes), median(naiveKey)),
      `<= ${TARGET.search} ms`,
    ],
    [
      'deep link: open -> focused, legible frame',
      ms(median(deepTimes)),
      ms(percentile(deepTimes, 95)),
      `plain view link ${ms(median(plainTimes))}`,
      ratio(median(deepTimes), median(plainTimes)),
      `<= ${TARGET.deepLink} ms`,
    ],
  ]);
  const met = [
    percentile(commit, 95) <= TARGET.highlight,
    percentile(keyTimes, 95) <= TARGET.search,
    percentile(deepTimes, 95) <= TARGET.deepLink,
  ];
  console.log(
    `targets (p95): highlight ${met[0] ? 'met' : 'MISSED'}, search ${met[1] ? 'met' : 'MISSED'}, deep link ${met[2] ? 'met' : 'MISSED'}`,
  );
  console.log(wrong === 0 ? 'results: all checked right' : `results: ${wrong} WRONG`);
  if (wrong > 0) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
