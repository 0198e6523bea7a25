/**
 * A workshop facilitator creates a map from the loonaangifteketen
 * template on the home page and sees every partner and every step of it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app.js';
import { launchBrowser, openTab } from './support/browser.js';
import { connectionStatus, fitWholeMap, laneNames, lane, PATIENCE, step, stepLabels } from './support/map-page.js';

const PARTNERS = ['Werkgever', 'Belastingdienst', 'UWV', 'CBS', 'Afnemers'];
/** Each step of the template with the partner whose lane it belongs in. */
const STEPS: readonly [label: string, partner: string][] = [
  ['Salarisadministratie bijwerken', 'Werkgever'],
  ['Loonaangifte opstellen', 'Werkgever'],
  ['Loonaangifte ontvangen', 'Belastingdienst'],
  ['Aangifte controleren', 'Belastingdienst'],
  ['Loonheffing innen', 'Belastingdienst'],
  ['Polisadministratie bijwerken', 'UWV'],
  ['Gegevens leveren', 'UWV'],
  ['Statistiek samenstellen', 'CBS'],
  ['Publicatie', 'CBS'],
  ['Uitkering of toeslag vaststellen', 'Afnemers'],
];

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

describe('a new map from the template', () => {
  it('[CL-R1] is created from the home page and shows every partner lane and every step in its lane', async () => {
    const { page, errors } = await openTab(browser);
    await page.goto(app.href('/'));
    await page.getByRole('button', { name: /Van sjabloon: Loonaangifteketen/ }).click();

    // A first visit asks for a name once.
    await expect.poll(() => page.url(), PATIENCE).toMatch(/\/map\/[A-Za-z0-9_-]{22}#edit=/);
    await page.getByTestId('name-input').fill('Fatima');
    await page.getByTestId('name-save').click();
    await page.getByTestId('name-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => connectionStatus(page), PATIENCE).toBe('online');
    // The map opens legible (CL-R12), which on this screen is not all of it: fit it to see every step.
    await fitWholeMap(page);

    await expect.poll(() => laneNames(page), PATIENCE).toEqual(PARTNERS);
    await expect.poll(() => stepLabels(page), PATIENCE).toEqual(STEPS.map(([label]) => label).sort());
    await expect.poll(() => page.getByTestId('map-title').inputValue()).toBe('Loonaangifteketen');

    // Each step is drawn inside its partner's lane.
    for (const [label, partner] of STEPS) {
      const laneBox = await lane(page, partner).boundingBox();
      const stepBox = await step(page, label).boundingBox();
      expect(laneBox, partner).not.toBeNull();
      expect(stepBox, label).not.toBeNull();
      const middle = stepBox!.y + stepBox!.height / 2;
      expect(middle, `${label} lies in ${partner}`).toBeGreaterThan(laneBox!.y);
      expect(middle, `${label} lies in ${partner}`).toBeLessThan(laneBox!.y + laneBox!.height);
    }

    // The server holds the same map: the link in the address bar exports it.
    const url = new URL(page.url());
    const id = url.pathname.split('/').pop()!;
    const token = new URLSearchParams(url.hash.slice(1)).get('edit')!;
    const exported = await app.exportMap(id, token);
    expect(exported.partners.map((p) => p.name)).toEqual(PARTNERS);
    expect(exported.steps.map((s) => s.label).sort()).toEqual(STEPS.map(([label]) => label).sort());

    // The name was remembered on this device, and the home page lists the map.
    await page.goto(app.href('/'));
    await page.getByTestId('recent-map').filter({ hasText: 'Loonaangifteketen' }).waitFor();
    expect(errors).toEqual([]);
  });
});
