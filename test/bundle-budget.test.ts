/**
 * The home page loads only what it needs (rule CL-O12): its initial JavaScript (the entry and its
 * static imports, from Vite's manifest of the build) stays under a named budget, and opening it in
 * the browser fetches no other script; the editor, its dialogs and ELK load only when asked for.
 * A view link loads only what viewing needs (CL-Z1): what the browser fetches opening one, and
 * then searching and focusing a step, stays under its own budget and holds none of the editing
 * code (CL-Z2: the edit kit with the edit ops and zod, the toolbar, the side panels; CL-Z3: the
 * versions panel). `node scripts/bundle-size.mjs` prints the figures per chunk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIST, startApp, type App } from './support/app.js';
import { launchBrowser, openTab } from './support/browser.js';
import { openMap, PATIENCE } from './support/map-page.js';
import { template } from './support/template.js';

/** What the home page's initial JavaScript may weigh, gzip-compressed (it was 96 kB when this was set; 238 kB before the split). */
const HOME_INITIAL_JS_BUDGET_GZIP_BYTES = 110 * 1024;

/**
 * What a view link's JavaScript may weigh, gzip-compressed, as the browser fetched it (CL-Z1). It was
 * 857.1 kB raw, 267.4 kB gzip in 5 files before the editing code was split off (measured the same
 * way on the build before); 721 kB raw, 231 kB gzip after.
 */
const VIEW_LINK_JS_BUDGET_GZIP_BYTES = 240 * 1024;
const VIEW_LINK_JS_BEFORE = { raw: 857.1 * 1024, gzip: 267.4 * 1024 };

interface Chunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}
const manifest = JSON.parse(readFileSync(join(CLIENT_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

/** The JS files of `key` and its static imports: what the browser loads before anything lazy. */
function staticFiles(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return new Set();
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`no chunk ${key} in the build's manifest`);
  const files = new Set([chunk.file]);
  for (const dep of chunk.imports ?? []) for (const f of staticFiles(dep, seen)) files.add(f);
  return files;
}

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
/** The built file of the chunk whose source path ends with `source`. */
function fileOf(source: string): string {
  const key = Object.keys(manifest).find((k) => k.endsWith(source));
  if (!key) throw new Error(`no chunk for ${source} in the build's manifest`);
  return manifest[key]!.file;
}
/** Chunks only an edit link loads (CL-Z2), and the versions panel (CL-Z3). */
const EDIT_ONLY = [
  'src/commands/edit/index.ts',
  'src/toolbar/Toolbar.tsx',
  'src/panels/SidePanel.tsx',
  'src/history/HistoryPanel.tsx',
  'src/history/historyWork.ts',
];
/** Raw and gzip bytes of built files. */
function weigh(files: readonly string[]): { raw: number; gzip: number } {
  return files.reduce(
    (sum, f) => {
      const bytes = readFileSync(join(CLIENT_DIST, f));
      return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}
/** The original sources (by the source map) of a built file that are edit-only: zod and shared's edit ops. */
function editSources(file: string): string[] {
  // The bundler's own runtime (1 kB) has no source map: it has no sources.
  if (!existsSync(join(CLIENT_DIST, `${file}.map`))) return [];
  const map = JSON.parse(readFileSync(join(CLIENT_DIST, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.filter((s) => /node_modules\/(\.pnpm\/)?zod|shared\/src\/ops\/|src\/commands\/edit\//.test(s));
}
const kB = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
const homeFiles = staticFiles(entry);
const editorKey = Object.keys(manifest).find((k) => k.endsWith('src/app/EditorPage.tsx'));

let app: App;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the bundle', () => {
  it(`[CL-O12] the home page's initial JS is at most ${HOME_INITIAL_JS_BUDGET_GZIP_BYTES / 1024} kB gzip`, () => {
    const bytes = [...homeFiles].reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(CLIENT_DIST, f)), { level: 9 }).length,
      0,
    );
    console.log(`home page initial JS: ${homeFiles.size} files, ${(bytes / 1024).toFixed(1)} kB gzip`);
    expect(bytes).toBeLessThanOrEqual(HOME_INITIAL_JS_BUDGET_GZIP_BYTES);
  });

  it('[CL-O12] the editor, its dialogs and ELK are separate chunks the home page does not load', () => {
    expect(editorKey, 'src/app/EditorPage.tsx is its own chunk').toBeDefined();
    const lazy = Object.keys(manifest).filter((k) =>
      /(EditorPage|ShareDialog|ShortcutsDialog|NameDialog|ConnectDialog|RemovePartnerDialog)\.tsx$/.test(k),
    );
    expect(lazy.length).toBe(6);
    for (const key of lazy) expect(homeFiles.has(manifest[key]!.file), key).toBe(false);
    // ELK lives only in the layout worker's file (elk-api) and elkjs's worker script, started on
    // the first layout (CL-AL1): no chunk of the pages holds any of it.
    const assets = readdirSync(join(CLIENT_DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const layoutWorker = assets.filter((f) => /^layoutWorker-.*\.js$/.test(f));
    expect(layoutWorker).toHaveLength(1);
    expect(assets.filter((f) => /^elk-worker\.min-.*\.js$/.test(f))).toHaveLength(1);
    const holdElk = assets.filter((f) =>
      readFileSync(join(CLIENT_DIST, 'assets', f), 'utf8').includes('knownLayoutOptions'),
    );
    expect(holdElk.filter((f) => !/^(layoutWorker|elk-worker\.min)-/.test(f))).toEqual([]);
    expect(holdElk).toContain(layoutWorker[0]);
  });

  it('[CL-O12] the browser fetches only the home chunks for the home page, and the editor chunk for a map', async () => {
    const { page, errors } = await openTab(browser, { name: 'Bo' });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.slice(1));
    });
    await page.goto(app.href('/'));
    await page.getByTestId('home').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !homeFiles.has(s))).toEqual([]);

    const map = await app.createMap(template());
    await openMap(page, app.href(map.viewUrl));
    await expect.poll(() => scripts, PATIENCE).toContain(manifest[editorKey!]!.file);
    // The viewer opened no dialog: their chunks were never fetched.
    expect(scripts.filter((s) => /Dialog/.test(s))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it(`[CL-Z1] a view link fetches at most ${VIEW_LINK_JS_BUDGET_GZIP_BYTES / 1024} kB gzip of JS, and none of the editing code`, async () => {
    const map = await app.createMap(template());
    const { page, errors } = await openTab(browser, { name: 'Vera' });
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname.slice(1));
    });
    await openMap(page, app.href(map.viewUrl));
    await page.getByTestId('browse-bar').waitFor(PATIENCE);
    await expect.poll(() => page.locator('.react-flow__node-step').count(), PATIENCE).toBeGreaterThan(0);
    // What a viewer does next: search, and focus a step from the results.
    await page.getByTestId('search').fill('loonaangifte');
    await page.getByTestId('search-result').first().waitFor(PATIENCE);
    await page.getByTestId('search-result').first().click();
    await page.waitForLoadState('networkidle');

    const fetched = [...scripts].filter((f) => f.endsWith('.js'));
    const { raw, gzip } = weigh(fetched);
    console.log(
      `view link JS: ${fetched.length} files, ${kB(raw)} raw, ${kB(gzip)} gzip ` +
        `(before the split: ${kB(VIEW_LINK_JS_BEFORE.raw)} raw, ${kB(VIEW_LINK_JS_BEFORE.gzip)} gzip)`,
    );
    expect(gzip).toBeLessThanOrEqual(VIEW_LINK_JS_BUDGET_GZIP_BYTES);
    for (const source of EDIT_ONLY) expect(fetched, source).not.toContain(fileOf(source));
    expect(fetched.flatMap(editSources)).toEqual([]);
    expect(fetched.filter((s) => /Dialog/.test(s))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('[CL-Z4] an edit link asks for its page, the edit kit and the font as the entry starts; the service worker comes after the map', async () => {
    const map = await app.createMap(template());
    const { page, errors } = await openTab(browser, { name: 'Zoë' });
    // When the first step is in the DOM, and when the page registers its service worker.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstStepAt?: number; __swRegisteredAt?: number };
      const container = navigator.serviceWorker;
      const register = container.register.bind(container);
      container.register = (...args: Parameters<ServiceWorkerContainer['register']>) => {
        w.__swRegisteredAt ??= performance.now();
        return register(...args);
      };
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('.react-flow__node-step')) return;
        w.__firstStepAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await openMap(page, app.href(map.editUrl));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __swRegisteredAt?: number }).__swRegisteredAt), PATIENCE)
      .toBeDefined();
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __firstStepAt?: number; __swRegisteredAt?: number };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        file: new URL(r.name).pathname.slice(1),
        start: r.startTime,
        initiator: r.initiatorType,
      }));
      return {
        entryDone: nav.domContentLoadedEventStart,
        requests,
        firstStep: w.__firstStepAt,
        sw: w.__swRegisteredAt,
      };
    });
    const asked = (file: string) => seen.requests.find((r) => r.file === file);
    // Module scripts run before DOMContentLoaded: these were asked for while the entry ran, not
    // after it (React renders the page's first frame in a later task).
    for (const source of ['src/app/EditorPage.tsx', ...EDIT_ONLY.slice(0, 3)]) {
      const request = asked(fileOf(source));
      expect(request, source).toBeDefined();
      expect(request!.start, source).toBeLessThan(seen.entryDone);
    }
    const fonts = seen.requests.filter((r) => /Inter-(Regular|Bold)-.*\.woff2$/.test(r.file));
    expect(fonts.map((f) => f.initiator).sort()).toEqual(['link', 'link']);
    for (const font of fonts) expect(font.start).toBeLessThan(seen.entryDone);
    expect(seen.firstStep).toBeDefined();
    expect(seen.sw!).toBeGreaterThan(seen.firstStep!);
    expect(errors).toEqual([]);
  });

  it('[CL-Z2] an edit link fetches the edit kit, the toolbar and the side panels, and shows the toolbar at once', async () => {
    const map = await app.createMap(template());
    const { page, errors } = await openTab(browser, { name: 'Eva' });
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname.slice(1));
    });
    await openMap(page, app.href(map.editUrl));
    // The editor appears with its toolbar: the page waited for the parts, it did not fill them in later.
    await page.getByTestId('editor').waitFor(PATIENCE);
    expect(await page.getByTestId('toolbar').count()).toBe(1);
    for (const source of EDIT_ONLY.slice(0, 3)) expect([...scripts], source).toContain(fileOf(source));
    const { raw, gzip } = weigh([...scripts].filter((f) => f.endsWith('.js')));
    console.log(`edit link JS: ${scripts.size} files, ${kB(raw)} raw, ${kB(gzip)} gzip`);
    expect(errors).toEqual([]);
  });
});
