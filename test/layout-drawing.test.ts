/**
 * After a layout the map is drawn where the layout put it: every flow between two steps in view
 * starts on its source's right side and ends on its target's left side (client rules CL-R14,
 * CL-R15, CL-AL3), on a phone (390x844, touch, larger handle targets) and on a laptop, for the
 * template and a generated 240-step map with labels that wrap; flows that share a step's side
 * end apart on it (shared rule SH-R3).
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { expectEndsApart, expectFlowsOnTheirSteps } from './support/drawn-flows.js';
import { generatedMap } from './support/generated.js';
import { openMap, PATIENCE, waitForStillView } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
const tabs: Tab[] = [];
keepScreenshotsOnFailure(() => tabs);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Where every step is drawn (React Flow's transform of its node), by id. */
const drawn = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('.react-flow__node-step')].map((n) => [
        n.dataset['id'] ?? '',
        n.style.transform,
      ]),
    ),
  );

/** Picks an entry of the toolbar's menus as a person does: "Opmaak" on a laptop, "⋯" on a phone. */
async function menu(page: Page, phone: boolean, item: string, inLayoutMenu = false): Promise<void> {
  await page.getByTestId(phone ? 'toolbar-menu' : inLayoutMenu ? 'toolbar-layout' : 'toolbar-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

const CASES: readonly [string, () => MapFile][] = [
  ['the template', template],
  ['a generated 240-step map', () => generatedMap(240, 8, 7)],
];

describe('flows after a layout', () => {
  for (const phone of [true, false]) {
    for (const [name, make] of CASES) {
      const size = phone ? '390x844 phone' : '1600x1000 laptop';
      it(`[CL-R14] [CL-AL3] [SH-R3] ${name} on a ${size}: after "Opmaak: alles" every flow starts and ends on its steps' sides, apart`, async () => {
        const file = make();
        const map = await app.createMap(file);
        const tab = await openTab(browser, {
          name: 'Lea',
          viewport: phone ? { width: 390, height: 844 } : { width: 1600, height: 1000 },
          mobile: phone,
        });
        tabs.push(tab);
        const { page } = tab;
        await openMap(page, app.href(map.editUrl));
        // The opening view may still settle (the details panel closing when the map fits only
        // without it): wait for the steps to be drawn.
        await expect.poll(async () => Object.keys(await drawn(page)).length, PATIENCE).toBeGreaterThan(0);
        const before = await drawn(page);

        await menu(page, phone, 'Opmaak: alles', true);
        await expect.poll(() => drawn(page), PATIENCE).not.toEqual(before);
        await expect.poll(() => page.getByTestId('layout-status').count(), PATIENCE).toBe(0);
        // Right after the layout, where the person was looking, and with the whole map in view.
        expect(await expectFlowsOnTheirSteps(page, file, false, true)).toBeGreaterThanOrEqual(0);
        if (phone) await menu(page, phone, 'Passend maken');
        else await page.getByRole('toolbar').getByRole('button', { name: 'Passend maken' }).click();
        expect(await expectFlowsOnTheirSteps(page, file)).toBeGreaterThan(0);
        // Opened again: the opening view, at the zoom where labels are legible (CL-R12), where a
        // flow drawn even a few pixels off its steps is seen (and caught: more than 1.5 px).
        await openMap(page, app.href(map.editUrl));
        await waitForStillView(page);
        expect(await expectFlowsOnTheirSteps(page, file)).toBeGreaterThan(0);
        // Flows sharing a step's side end apart there (SH-R3): no arrowhead on top of another.
        expect(await expectEndsApart(page, file)).toBeGreaterThan(0);
        expect(tab.errors).toEqual([]);
        await tab.context.close();
      });
    }
  }
});
