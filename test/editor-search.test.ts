/**
 * The editor's search (CL-K4) on a map larger than the screen: a step far from the opening view is
 * found by part of its label, chosen with the keyboard, selected and brought into view at a zoom
 * where its label is readable; Escape closes the list before it empties the field.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { generatedMap } from './support/generated.js';
import { openMap, PATIENCE, step, waitForStillView } from './support/map-page.js';

let app: App;
let browser: Browser;
let tab: Tab;
const file = generatedMap(300, 8, 7);
/** The last step: far to the right of the opening view, which starts at the beginning of the chain. */
const target = file.steps[file.steps.length - 1]!;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const map = await app.createMap(file);
  tab = await openTab(browser, { name: 'Eva', viewport: { width: 1600, height: 1000 } });
  await openMap(tab.page, app.href(map.editUrl));
});

keepScreenshotsOnFailure(() => [tab]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('editor search', () => {
  it('[CL-K4] finds a step off screen, selects it and brings it into view, readable', async () => {
    const page = tab.page;
    const node = step(page, target.label);
    await expect.poll(() => node.count(), PATIENCE).toBe(0); // not drawn: out of view
    const search = page.getByTestId('search');
    await search.fill(`Stap ${target.id.slice(1)} `);
    const results = page.getByTestId('search-result');
    await expect.poll(() => results.count(), PATIENCE).toBeGreaterThan(0);
    const texts = await results.allInnerTexts();
    const index = texts.findIndex((text) => text.startsWith(target.label));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await expect.poll(() => results.nth(index).getAttribute('aria-selected')).toBe('true');
    await search.press('Enter');
    await expect.poll(() => search.inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('search-results').count()).toBe(0);
    // Selected, wholly inside the window, and its label at least 11 px on screen once the move ends.
    await expect.poll(() => node.getAttribute('class'), PATIENCE).toMatch(/selected/);
    const { zoom } = await waitForStillView(page);
    const box = await node.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1600);
    expect(box!.y + box!.height).toBeLessThanOrEqual(1000);
    const px = await node.getByTestId('step-label').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(px * zoom).toBeGreaterThanOrEqual(11);
  });

  it('[CL-K4] Escape closes the list and keeps the query; a second Escape empties the field', async () => {
    const search = tab.page.getByTestId('search');
    await search.fill('Ketenpartner');
    await expect.poll(() => tab.page.getByTestId('search-result').count(), PATIENCE).toBeGreaterThan(0);
    await search.press('Escape');
    await expect.poll(() => tab.page.getByTestId('search-results').count()).toBe(0);
    expect(await search.inputValue()).toBe('Ketenpartner');
    await search.press('Escape');
    await expect.poll(() => search.inputValue()).toBe('');
  });
});
