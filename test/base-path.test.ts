/**
 * An intranet hosts Ketenkaart under a sub-path (`BASE_PATH=/ketenkaart`, rules SV-B1, CL-O10):
 * a person creates a map from the home page, edits it, opens its view link, and reloads the editor
 * while the server is down. Every request the pages make stays under the sub-path: links, API,
 * websocket, assets, the service worker and its scope.
 */
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { cacheName, cachedInIndexedDb } from './support/idb.js';
import {
  connectionStatus,
  fitWholeMap,
  openMap,
  PATIENCE,
  step,
  stepLabels,
  typeInPlace,
  waitUntilOnline,
} from './support/map-page.js';

const BASE = '/ketenkaart';

let app: App;
let browser: Browser;
let editor: Tab;
let viewer: Tab | undefined;
/** Every URL the pages asked for (documents, scripts, API, websockets, service worker). */
const requested: string[] = [];

const record = (tab: Tab): void => {
  tab.page.on('request', (r: Request) => requested.push(r.url()));
  tab.page.on('websocket', (ws) => requested.push(ws.url()));
};

beforeAll(async () => {
  app = await startApp({ basePath: BASE });
  browser = await launchBrowser();
  editor = await openTab(browser);
  record(editor);
});

keepScreenshotsOnFailure(() => [editor, viewer]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The map id and edit token in the editor's address. */
function editLink(): { id: string; token: string } {
  const match = /\/map\/([A-Za-z0-9_-]{22})#edit=([A-Za-z0-9_-]+)/.exec(editor.page.url());
  if (!match) throw new Error(`not an edit link: ${editor.page.url()}`);
  return { id: match[1]!, token: match[2]! };
}

describe('under a sub-path', () => {
  it('[SV-B1] [CL-O10] a map made from the home page opens, syncs and edits under the sub-path', async () => {
    const page = editor.page;
    await page.goto(app.href('/'));
    await page.getByRole('button', { name: /Van sjabloon: Loonaangifteketen/ }).click();
    await expect.poll(() => page.url(), PATIENCE).toMatch(new RegExp(`^${app.url}${BASE}/map/[A-Za-z0-9_-]{22}#edit=`));
    await page.getByTestId('name-input').fill('Fatima');
    await page.getByTestId('name-save').click();
    await page.getByTestId('name-dialog').waitFor({ state: 'detached' });
    await waitUntilOnline(page);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);

    await step(page, 'Publicatie').getByTestId('step-label').dblclick();
    await typeInPlace(page, 'Publicatie op intranet');
    const { id, token } = editLink();
    await expect
      .poll(async () => (await app.exportMap(id, token)).steps.map((s) => s.label), PATIENCE)
      .toContain('Publicatie op intranet');

    // The home link of the top bar leads to the sub-path's home, not the host's.
    expect(await page.locator('a.kk-brand').getAttribute('href')).toBe(`${BASE}/`);
    // The share dialog's links carry the sub-path.
    await page.getByTestId('toolbar-share').click();
    expect(await page.getByTestId('share-edit-url').inputValue()).toBe(`${app.url}${BASE}/map/${id}#edit=${token}`);
    await expect
      .poll(() => page.getByTestId('share-view-url').inputValue(), PATIENCE)
      .toMatch(new RegExp(`^${app.url}${BASE}/map/${id}#view=`));
    await page.keyboard.press('Escape');
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' });
  });

  it('[SV-B1] [CL-O10] the view link from the API opens read-only under the sub-path', async () => {
    const { id, token } = editLink();
    const res = await fetch(`${app.url}${BASE}/api/maps/${id}/links`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { viewUrl } = (await res.json()) as { viewUrl: string };
    expect(viewUrl).toMatch(new RegExp(`^${app.url}${BASE}/map/${id}#view=`));
    viewer = await openTab(browser, { name: 'Victor' });
    record(viewer);
    await openMap(viewer.page, viewUrl);
    expect(await viewer.page.getByTestId('editor').getAttribute('data-role')).toBe('viewer');
    await viewer.page.keyboard.press('f');
    await expect.poll(() => stepLabels(viewer!.page), PATIENCE).toContain('Publicatie op intranet');
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-O10] a reload while the server is down still shows the map (service worker scoped to the sub-path)', async () => {
    const page = editor.page;
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${app.url}${BASE}/`);
    const { id } = editLink();
    await expect.poll(() => cachedInIndexedDb(page, cacheName(id), 'Publicatie op intranet'), PATIENCE).toBe(true);
    await app.stop();
    await page.reload();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('map-counts').innerText(), PATIENCE).toMatch(/10 processtappen/);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toContain('Publicatie op intranet');
    expect(await connectionStatus(page)).not.toBe('online');
    await app.start();
    await waitUntilOnline(page);
    expect(editor.errors).toEqual([]);
  });

  it('[SV-B1] nothing was asked of the host outside the sub-path, and the host root is not the app', async () => {
    const outside = requested.filter(
      (u) => !new RegExp(`^(http|ws)://127\\.0\\.0\\.1:${app.url.split(':')[2]}${BASE}/`).test(u),
    );
    expect(outside).toEqual([]);
    expect(requested.some((u) => u.startsWith(`ws://127.0.0.1:${app.url.split(':')[2]}${BASE}/sync/`))).toBe(true);
    expect((await fetch(`${app.url}/`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/maps`, { method: 'POST' })).status).toBe(404);
    const bare = await fetch(`${app.url}${BASE}`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe(`${BASE}/`);
  });
});
