/**
 * The home page loads only what it needs (rule CL-O12): its initial JavaScript (the entry and its
 * static imports, from Vite's manifest of the build) stays under a named budget, and opening it in
 * the browser fetches no other script; the editor, its dialogs and ELK load only when asked for.
 * `node scripts/bundle-size.mjs` prints the figures per chunk.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
});
