/**
 * Two participants, each in their own browser, build a small chain on
 * one map: partners, steps, a labelled flow between them, a step dragged into another
 * lane. Each sees the other's changes, and the other's cursor, live.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import {
  centre,
  drag,
  flowLabel,
  lane,
  laneNames,
  openMap,
  partnerOf,
  PATIENCE,
  step,
  stepLabels,
  typeInPlace,
} from './support/map-page.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
let anna: Tab;
let bram: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap();
  anna = await openTab(browser, { name: 'Anna', color: '#d1242f' });
  bram = await openTab(browser, { name: 'Bram', color: '#1a7f37' });
  await openMap(anna.page, app.href(map.editUrl));
  await openMap(bram.page, app.href(map.editUrl));
});

keepScreenshotsOnFailure(() => [anna, bram]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const toolbar = (tab: Tab, name: RegExp) => tab.page.getByRole('toolbar').getByRole('button', { name });

describe('two participants on one map', () => {
  it('each sees the partners the other adds', async () => {
    await toolbar(anna, /Ketenpartner/).click();
    await typeInPlace(anna.page, 'Gemeente');
    await expect.poll(() => laneNames(bram.page), PATIENCE).toEqual(['Gemeente']);

    await toolbar(bram, /Ketenpartner/).click();
    await typeInPlace(bram.page, 'Zorgkantoor');
    await expect.poll(() => laneNames(anna.page), PATIENCE).toEqual(['Gemeente', 'Zorgkantoor']);
  });

  it('[CL-E3] each sees the steps the other adds, in the lane they were added to', async () => {
    await lane(anna.page, 'Gemeente').getByTestId('lane-name').click();
    await toolbar(anna, /Processtap/).click();
    await typeInPlace(anna.page, 'Aanvraag indienen');

    await lane(bram.page, 'Zorgkantoor').getByTestId('lane-name').click();
    await toolbar(bram, /Processtap/).click();
    await typeInPlace(bram.page, 'Aanvraag beoordelen');

    for (const tab of [anna, bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toEqual(['Aanvraag beoordelen', 'Aanvraag indienen']);
      const gemeente = await lane(tab.page, 'Gemeente').getAttribute('data-partner-id');
      const zorgkantoor = await lane(tab.page, 'Zorgkantoor').getAttribute('data-partner-id');
      expect(await partnerOf(step(tab.page, 'Aanvraag indienen'))).toBe(gemeente);
      expect(await partnerOf(step(tab.page, 'Aanvraag beoordelen'))).toBe(zorgkantoor);
    }
  });

  it('[CL-R2] a flow dragged from one step to another, and labelled, shows for both as a koppelvlak', async () => {
    const from = step(anna.page, 'Aanvraag indienen').locator('.react-flow__handle.source');
    const to = step(anna.page, 'Aanvraag beoordelen').locator('.react-flow__handle.target');
    await drag(anna.page, await centre(from), await centre(to), 20);
    await typeInPlace(anna.page, 'Aanvraagformulier');

    for (const tab of [anna, bram]) {
      const label = flowLabel(tab.page, 'Aanvraagformulier');
      await expect.poll(() => label.count(), PATIENCE).toBe(1);
      expect(await label.getAttribute('data-koppelvlak')).toBe('true');
    }
  });

  it('[CL-L1] a step dragged into another lane moves to that partner for both', async () => {
    const moving = step(bram.page, 'Aanvraag indienen');
    const target = await lane(bram.page, 'Zorgkantoor').boundingBox();
    const start = await centre(moving);
    await drag(bram.page, start, { x: start.x + 260, y: target!.y + target!.height / 2 }, 15);

    const zorgkantoor = await lane(anna.page, 'Zorgkantoor').getAttribute('data-partner-id');
    await expect.poll(() => partnerOf(step(anna.page, 'Aanvraag indienen')), PATIENCE).toBe(zorgkantoor);
    await expect.poll(() => partnerOf(step(bram.page, 'Aanvraag indienen')), PATIENCE).toBe(zorgkantoor);
    // Drawn inside the lane, and the flow between two steps of one partner is no koppelvlak any more.
    for (const tab of [anna, bram]) {
      const laneBox = (await lane(tab.page, 'Zorgkantoor').boundingBox())!;
      const stepBox = (await step(tab.page, 'Aanvraag indienen').boundingBox())!;
      expect(stepBox.y).toBeGreaterThanOrEqual(laneBox.y);
      expect(stepBox.y + stepBox.height).toBeLessThanOrEqual(laneBox.y + laneBox.height);
      await expect
        .poll(() => flowLabel(tab.page, 'Aanvraagformulier').getAttribute('data-koppelvlak'), PATIENCE)
        .toBe('false');
    }

    const stored = await app.exportMap(map.id, map.editToken);
    expect(stored.partners.map((p) => p.name)).toEqual(['Gemeente', 'Zorgkantoor']);
    const partnerId = stored.partners[1]!.id;
    expect(stored.steps.map((s) => [s.label, s.partner]).sort()).toEqual([
      ['Aanvraag beoordelen', partnerId],
      ['Aanvraag indienen', partnerId],
    ]);
    expect(stored.flows.map((f) => f.label)).toEqual(['Aanvraagformulier']);
  });

  it("[CL-P1] each sees the other's cursor, with their name, where it points on the map", async () => {
    const over = step(anna.page, 'Aanvraag beoordelen');
    await anna.page.mouse.move(...xy(await centre(over)));
    const annaCursor = bram.page.getByTestId('remote-cursor').filter({ hasText: 'Anna' });
    await expect.poll(() => annaCursor.count(), PATIENCE).toBe(1);
    // Cursors live in map coordinates: the tip is over the same step on Bram's screen, whatever his viewport.
    const tip = await annaCursor.boundingBox();
    const there = await step(bram.page, 'Aanvraag beoordelen').boundingBox();
    expect(tip!.x).toBeGreaterThanOrEqual(there!.x);
    expect(tip!.x).toBeLessThanOrEqual(there!.x + there!.width);
    expect(tip!.y).toBeGreaterThanOrEqual(there!.y);
    expect(tip!.y).toBeLessThanOrEqual(there!.y + there!.height);

    await bram.page.mouse.move(...xy(await centre(step(bram.page, 'Aanvraag indienen'))));
    const bramCursor = anna.page.getByTestId('remote-cursor').filter({ hasText: 'Bram' });
    await expect.poll(() => bramCursor.count(), PATIENCE).toBe(1);
    // Both see each other in the participant list too.
    for (const [tab, other] of [
      [anna, 'Bram'],
      [bram, 'Anna'],
    ] as const) {
      expect(
        await tab.page
          .getByTestId('participants')
          .getByRole('button', { name: new RegExp(other) })
          .count(),
      ).toBe(1);
    }
    expect(anna.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });
});

function xy(p: { x: number; y: number }): [number, number] {
  return [p.x, p.y];
}
