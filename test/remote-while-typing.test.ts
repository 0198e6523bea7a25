/**
 * Issue 4 §3: remote changes appear without disturbing a text being typed. Bram is
 * renaming a step in place when Anna's changes arrive; his field keeps its focus and
 * his half-typed text, and what he finally types is what everyone gets.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { openMap, PATIENCE, step, stepLabels, typeInPlace } from './support/map-page.js';
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

describe('typing while others edit', () => {
  it('a remote rename and a remote new step do not disturb a label being typed', async () => {
    await step(bram.page, 'Loonheffing innen').getByTestId('step-label').dblclick();
    const field = bram.page.getByTestId('inline-edit');
    await field.waitFor();
    await bram.page.keyboard.press('End');
    await bram.page.keyboard.type(' en');

    // Meanwhile Anna renames a step in the same lane and adds one after it.
    await step(anna.page, 'Aangifte controleren').getByTestId('step-label').dblclick();
    await typeInPlace(anna.page, 'Aangifte beoordelen');
    await anna.page
      .getByRole('toolbar')
      .getByRole('button', { name: /Processtap/ })
      .click();
    await typeInPlace(anna.page, 'Naheffing opleggen');
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toContain('Naheffing opleggen');
    expect(await stepLabels(bram.page)).toContain('Aangifte beoordelen');

    // Bram's field is untouched: still open, still focused, his text still there.
    expect(await field.inputValue()).toBe('Loonheffing innen en');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await bram.page.keyboard.type(' afdragen');
    await bram.page.keyboard.press('Enter');

    for (const tab of [anna, bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toContain('Loonheffing innen en afdragen');
    }
    const stored = await app.exportMap(map.id, map.editToken);
    expect(stored.steps.map((s) => s.label)).toEqual(
      expect.arrayContaining(['Loonheffing innen en afdragen', 'Aangifte beoordelen', 'Naheffing opleggen']),
    );
    expect(anna.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });
});
