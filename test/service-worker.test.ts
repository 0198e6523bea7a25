/**
 * The service worker is Workbox's, built by vite-plugin-pwa (rule CL-O11): it precaches the build,
 * and when a new version is deployed it takes the new files and drops the old ones. The page also
 * offers a web manifest with icons. A copy of the built client is served, so the test can deploy a
 * "new version" into it without touching `client/dist`.
 */
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIST, startApp, type App } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { PATIENCE } from './support/map-page.js';

let app: App;
let browser: Browser;
let tab: Tab;
let site: string;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'ketenkaart-site-'));
  await cp(CLIENT_DIST, site, { recursive: true });
  app = await startApp({ staticDir: site });
  browser = await launchBrowser();
  tab = await openTab(browser);
});

keepScreenshotsOnFailure(() => [tab]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

/** The paths (no query) of everything in the page's Cache Storage. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}

/** The hashed entry script that index.html loads (`assets/index-HASH.js`). */
async function entryScript(): Promise<string> {
  const html = await readFile(join(site, 'index.html'), 'utf8');
  const match = /src="\.\/(assets\/index-[A-Za-z0-9_-]+\.js)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html names no entry script');
  return match[1];
}

/** The width and height written in a PNG's header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the service worker', () => {
  it('[CL-O11] precaches the whole build: the shell, every hashed asset, the manifest and its icons', async () => {
    await tab.page.goto(app.href('/'));
    await tab.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const entry = await entryScript();
    await expect.poll(() => cachedPaths(tab.page), PATIENCE).toContain(`/${entry}`);
    const paths = await cachedPaths(tab.page);
    expect(paths).toContain('/index.html');
    expect(paths).toContain('/manifest.webmanifest');
    expect(paths).toContain('/icons/icon-192.png');
    const assets = (await readdir(join(site, 'assets'))).filter((f) => /\.(js|css|woff2)$/.test(f));
    for (const asset of assets) expect(paths).toContain(`/assets/${asset}`);
    // API answers and the map are never in the cache.
    expect(paths.filter((p) => p.startsWith('/api/') || p.startsWith('/sync/'))).toEqual([]);
  });

  it('[CL-O11] a new deploy replaces the precache: the new entry script is fetched, the old one dropped', async () => {
    const old = await entryScript();
    const renamed = old.replace(/index-[A-Za-z0-9_-]+\.js$/, 'index-NEWVERSION.js');
    // The "new build": the entry under a new hash, named by index.html and the worker's manifest.
    await writeFile(join(site, renamed), await readFile(join(site, old)));
    await writeFile(
      join(site, 'index.html'),
      (await readFile(join(site, 'index.html'), 'utf8')).replaceAll(old, renamed),
    );
    const worker = (await readFile(join(site, 'sw.js'), 'utf8'))
      .replaceAll(old, renamed)
      .replace(/"revision":"[0-9a-f]+","url":"index.html"/, '"revision":"new-version","url":"index.html"');
    expect(worker).toContain('"revision":"new-version","url":"index.html"');
    await writeFile(join(site, 'sw.js'), worker);
    for (const stale of [old, `${old}.br`, `${old}.gz`, 'sw.js.br', 'sw.js.gz'])
      await rm(join(site, stale), { force: true });

    await tab.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      await registration.update();
    });
    await expect.poll(() => cachedPaths(tab.page), PATIENCE).toContain(`/${renamed}`);
    await expect.poll(() => cachedPaths(tab.page), PATIENCE).not.toContain(`/${old}`);
    // The page, loaded again, runs the new version.
    await tab.page.reload();
    await tab.page.getByRole('button', { name: /Van sjabloon: Loonaangifteketen/ }).waitFor();
    expect(await tab.page.evaluate(() => [...document.scripts].map((s) => s.src).join(' '))).toContain(renamed);
    expect(tab.errors).toEqual([]);
  });

  it('[CL-O11] the page names a web manifest whose icons are PNGs of the sizes it says', async () => {
    const href = await tab.page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const res = await fetch(app.href(href!));
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest.name).toBe('Ketenkaart');
    expect(manifest.start_url).toBe('./');
    expect(manifest.icons.map((i) => i.purpose)).toContain('maskable');
    for (const icon of manifest.icons) {
      const image = await fetch(new URL(icon.src, app.href('/manifest.webmanifest')));
      expect(image.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await image.arrayBuffer()));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
  });
});
