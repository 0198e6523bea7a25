/**
 * The home page's recent maps (CL-O13): a map the server no longer has and one whose links were
 * replaced are marked, a live one is not; with the server away nothing is marked, and nothing is
 * ever removed by the check.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { openMap, PATIENCE } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let tab: Tab;
const maps: Record<'live' | 'gone' | 'rotated', CreatedMap | undefined> = {
  live: undefined,
  gone: undefined,
  rotated: undefined,
};

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tab = await openTab(browser, { name: 'Rik', viewport: { width: 1600, height: 1000 } });
  for (const which of ['live', 'gone', 'rotated'] as const) {
    const map = await app.createMap({ ...template(), title: `Recent ${which}` });
    maps[which] = map;
    await openMap(tab.page, app.href(which === 'live' ? map.viewUrl : map.editUrl));
  }
  const gone = maps.gone!;
  const deleted = await fetch(`${app.url}/api/maps/${gone.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${gone.editToken}` },
  });
  expect(deleted.status).toBe(200);
  const rotated = maps.rotated!;
  const rotation = await fetch(`${app.url}/api/maps/${rotated.id}/links/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rotated.editToken}` },
  });
  expect(rotation.status).toBe(200);
});

keepScreenshotsOnFailure(() => [tab]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const entry = (which: string) => tab.page.getByTestId('recent-map').filter({ hasText: `Recent ${which}` });

describe('recent maps on the home page', () => {
  it('[CL-O13] marks the map the server no longer has and the one whose links were replaced, not the live one', async () => {
    await tab.page.goto(app.href('/'));
    await expect.poll(() => entry('gone').getByTestId('recent-status').count(), PATIENCE).toBe(1);
    await expect.poll(() => entry('rotated').getByTestId('recent-status').count(), PATIENCE).toBe(1);
    expect(await entry('gone').getByTestId('recent-status').innerText()).toBe('Niet meer op de server');
    expect(await entry('rotated').getByTestId('recent-status').innerText()).toBe('Link vervangen');
    expect(await entry('rotated').getByTestId('recent-status').getAttribute('title')).toContain('vraag een editor');
    // The live one (kept by its view link) was asked too, and is not marked.
    expect(await entry('live').count()).toBe(1);
    expect(await tab.page.getByTestId('recent-status').count()).toBe(2);
    // Marked, not removed: each still has its link.
    for (const which of ['gone', 'rotated']) expect(await entry(which).getByRole('link').count()).toBe(1);
  });

  it('[CL-O13] with the server away nothing is marked and nothing is removed', async () => {
    await tab.page.goto(app.href('/'));
    await entry('gone').waitFor(PATIENCE);
    // The service worker is installed after the page is shown (CL-Z4); the reload below needs it.
    await tab.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await app.stop();
    try {
      await tab.page.reload(); // the service worker serves the home page offline
      await entry('gone').waitFor(PATIENCE);
      expect(await tab.page.getByTestId('recent-map').count()).toBe(3);
      // Every check has failed by the time the page has settled: none marked.
      await tab.page.waitForLoadState('networkidle');
      expect(await tab.page.getByTestId('recent-status').count()).toBe(0);
    } finally {
      await app.start();
    }
  });
});
