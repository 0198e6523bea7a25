/**
 * The connection state is always visible, edits made without a
 * connection are kept (IndexedDB) and sync when it returns, and a reload keeps
 * everything, even a reload while the server is down (the client's service worker
 * keeps the app shell). The outage is real: the server is stopped, and started again
 * on the same port and data directory.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTab, type Tab } from './support/browser.js';
import { cacheName, cachedInIndexedDb } from './support/idb.js';
import {
  connectionStatus,
  fitWholeMap,
  PATIENCE,
  step,
  stepLabels,
  typeInPlace,
  unsyncedChanges,
  waitUntilOnline,
} from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();

async function rename(tab: Tab, from: string, to: string): Promise<void> {
  await step(tab.page, from).getByTestId('step-label').dblclick();
  await typeInPlace(tab.page, to);
}

async function storedLabel(id: string): Promise<string | undefined> {
  return (await editors.app.exportMap(editors.map.id, editors.map.editToken)).steps.find((s) => s.id === id)?.label;
}

/** Whether Anna's device has `text` of the map in its IndexedDB cache. */
function cached(page: Page, text: string): Promise<boolean> {
  return cachedInIndexedDb(page, cacheName(editors.map.id), text);
}

describe('offline', () => {
  it('an edit made while the server is down is kept, counted, and synced when it is back', async () => {
    await editors.app.stop();
    await expect.poll(() => connectionStatus(editors.anna.page), PATIENCE).not.toBe('online');

    await rename(editors.anna, 'Gegevens leveren', 'Gegevens leveren aan afnemers');
    expect(await stepLabels(editors.anna.page)).toContain('Gegevens leveren aan afnemers');
    await expect.poll(() => unsyncedChanges(editors.anna.page), PATIENCE).toBeGreaterThanOrEqual(1);
    expect(await editors.anna.page.getByTestId('connection-status').innerText()).toMatch(/niet gesynchroniseerd/);

    await editors.app.start();
    await waitUntilOnline(editors.anna.page);
    await waitUntilOnline(editors.bram.page);
    await expect.poll(() => stepLabels(editors.bram.page), PATIENCE).toContain('Gegevens leveren aan afnemers');
    expect(await unsyncedChanges(editors.anna.page)).toBe(0);
    await expect.poll(() => storedLabel('u2'), PATIENCE).toBe('Gegevens leveren aan afnemers');
  });

  it('a reload while the server is down shows the map from this device, and the edit made then syncs later', async () => {
    const page = editors.anna.page;
    // The app shell is kept by the client's service worker once it is active.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => cached(page, 'Gegevens leveren aan afnemers'), PATIENCE).toBe(true);
    await editors.app.stop();
    await page.reload();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('map-counts').innerText(), PATIENCE).toMatch(/10 processtappen/);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);
    expect(await stepLabels(page)).toContain('Gegevens leveren aan afnemers');
    expect(await connectionStatus(page)).not.toBe('online');

    await rename(editors.anna, 'Publicatie', 'Publicatie op StatLine');
    await expect.poll(() => cached(page, 'Publicatie op StatLine'), PATIENCE).toBe(true);
    // Reload again, still without a server: the offline edit is there, from IndexedDB.
    await page.reload();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('map-counts').innerText(), PATIENCE).toMatch(/10 processtappen/);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toContain('Publicatie op StatLine');
    expect(await connectionStatus(page)).not.toBe('online');

    // The server comes back: the provider's own retry reaches it.
    await editors.app.start();
    await waitUntilOnline(page);
    await waitUntilOnline(editors.bram.page);
    await fitWholeMap(editors.bram.page);
    await expect.poll(() => stepLabels(editors.bram.page), PATIENCE).toContain('Publicatie op StatLine');
    await expect.poll(() => storedLabel('c2'), PATIENCE).toBe('Publicatie op StatLine');

    // And a plain reload, online, keeps everything.
    await page.reload();
    await waitUntilOnline(page);
    await fitWholeMap(page);
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);
    const labels = await stepLabels(page);
    expect(labels).toContain('Publicatie op StatLine');
    expect(labels).toContain('Gegevens leveren aan afnemers');
    expect(editors.anna.errors).toEqual([]);
    expect(editors.bram.errors).toEqual([]);
  });
  it('[CL-O11] a page whose worker could not be registered while the server was away registers it once it is back', async () => {
    const tab = await openTab(editors.browser, { name: 'Cas' });
    try {
      // The server goes away as soon as the editor is on the page, before the page has been
      // idle long enough to register its worker (CL-Z4): that attempt fails.
      await tab.page.goto(editors.app.href(editors.map.editUrl));
      await tab.page.getByTestId('editor').waitFor();
      await editors.app.stop();
      await tab.page.waitForTimeout(3_000);
      await editors.app.start();
      // Tried again (after 5 s, then 10 s): the worker becomes active, so a later reload without
      // a server still opens the map.
      const active = tab.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.active ? 'active' : 'none';
      });
      expect(await Promise.race([active, new Promise((r) => setTimeout(() => r('timed out'), 45_000))])).toBe('active');
    } finally {
      await tab.context.close();
    }
  }, 90_000);
});
