/**
 * Issue 4 §3 and §5: the connection state is always visible, edits made without a
 * connection are kept (IndexedDB) and sync when it returns, and a reload keeps
 * everything, even a reload while the server is down (the client's service worker
 * keeps the app shell). The outage is real: the server is stopped, and started again
 * on the same port and data directory.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import {
  connectionStatus,
  fitWholeMap,
  openMap,
  PATIENCE,
  step,
  stepLabels,
  typeInPlace,
  unsyncedChanges,
  waitUntilOnline,
} from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
let anna: Tab;
let bram: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap(template());
  anna = await openTab(browser, { name: 'Anna' });
  bram = await openTab(browser, { name: 'Bram' });
  await openMap(anna.page, app.href(map.editUrl));
  await openMap(bram.page, app.href(map.editUrl));
});

keepScreenshotsOnFailure(() => [anna, bram]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function rename(tab: Tab, from: string, to: string): Promise<void> {
  await step(tab.page, from).getByTestId('step-label').dblclick();
  await typeInPlace(tab.page, to);
}

async function storedLabel(id: string): Promise<string | undefined> {
  return (await app.exportMap(map.id, map.editToken)).steps.find((s) => s.id === id)?.label;
}

describe('offline', () => {
  it('an edit made while the server is down is kept, counted, and synced when it is back', async () => {
    await app.stop();
    await expect.poll(() => connectionStatus(anna.page), PATIENCE).not.toBe('online');

    await rename(anna, 'Gegevens leveren', 'Gegevens leveren aan afnemers');
    expect(await stepLabels(anna.page)).toContain('Gegevens leveren aan afnemers');
    await expect.poll(() => unsyncedChanges(anna.page), PATIENCE).toBeGreaterThanOrEqual(1);
    expect(await anna.page.getByTestId('connection-status').innerText()).toMatch(/niet gesynchroniseerd/);

    await app.start();
    await waitUntilOnline(anna.page);
    await waitUntilOnline(bram.page);
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toContain('Gegevens leveren aan afnemers');
    expect(await unsyncedChanges(anna.page)).toBe(0);
    await expect.poll(() => storedLabel('u2'), PATIENCE).toBe('Gegevens leveren aan afnemers');
  });

  it('a reload while the server is down shows the map from this device, and the edit made then syncs later', async () => {
    const page = anna.page;
    // The app shell is kept by the client's service worker once it is active.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await app.stop();
    await page.reload();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('map-counts').innerText(), PATIENCE).toMatch(/10 processtappen/);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);
    expect(await stepLabels(page)).toContain('Gegevens leveren aan afnemers');
    expect(await connectionStatus(page)).not.toBe('online');

    await rename(anna, 'Publicatie', 'Publicatie op StatLine');
    // Reload again, still without a server: the offline edit is there, from IndexedDB.
    await page.reload();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('map-counts').innerText(), PATIENCE).toMatch(/10 processtappen/);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toContain('Publicatie op StatLine');
    expect(await connectionStatus(page)).not.toBe('online');

    // The server comes back: the provider's own retry reaches it.
    await app.start();
    await waitUntilOnline(page);
    await waitUntilOnline(bram.page);
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toContain('Publicatie op StatLine');
    await expect.poll(() => storedLabel('c2'), PATIENCE).toBe('Publicatie op StatLine');

    // And a plain reload, online, keeps everything.
    await page.reload();
    await waitUntilOnline(page);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);
    const labels = await stepLabels(page);
    expect(labels).toContain('Publicatie op StatLine');
    expect(labels).toContain('Gegevens leveren aan afnemers');
    expect(anna.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });
});
