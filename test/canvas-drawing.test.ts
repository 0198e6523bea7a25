/**
 * What a person sees of the map itself: every flow drawn where its steps are, at every
 * zoom (client rules CL-R14, CL-R15), and step labels legible at the opening view on a
 * laptop and on a phone (CL-R12).
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { expectFlowsOnTheirSteps, stepsInView, zoomOf } from './support/drawn-flows.js';
import { openMap, PATIENCE } from './support/map-page.js';
import { template } from './support/template.js';

/** 5 lanes x 16 steps at x = 40 + k*240, a sequence along each lane and a document flow between lanes. */
function grid(): MapFile {
  const partners = Array.from({ length: 5 }, (_, i) => ({
    id: `p${i}`,
    name: `Partner ${i}`,
    color: '#1f6feb',
    description: '',
  }));
  const steps = partners.flatMap((p, l) =>
    Array.from({ length: 16 }, (_, k) => ({
      id: `s${l}-${k}`,
      partner: p.id,
      label: `Stap ${l}.${k}`,
      kind: 'activity' as const,
      description: '',
      contact: '',
      x: 40 + k * 240,
      y: 24,
    })),
  );
  const flow = (id: string, from: string, to: string, label = '') =>
    ({ id, from, to, label, kind: label ? 'document' : 'sequence', status: 'ok', note: '' }) as const;
  const flows = [
    ...partners.flatMap((_, l) =>
      Array.from({ length: 15 }, (_, k) => flow(`f${l}-${k}`, `s${l}-${k}`, `s${l}-${k + 1}`)),
    ),
    ...[0, 1, 2, 3].map((l) => flow(`x${l}`, `s${l}-${3 + 3 * l}`, `s${l + 1}-${4 + 3 * l}`, `Bericht ${l}`)),
  ];
  return { format: 'ketenkaart', version: 1, title: 'Raster', description: '', partners, steps, flows };
}

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

describe('flows on a map larger than the screen', () => {
  it('[CL-R14] are all drawn, on their steps, zoomed out below the detail limit, after zooming in, a lane move and a remote edit', async () => {
    const file = grid();
    const map = await app.createMap(file);
    const anna = await openTab(browser, { name: 'Anna', viewport: { width: 1600, height: 1000 } });
    tabs.push(anna);
    const { page } = anna;
    await openMap(page, app.href(map.editUrl));

    // As opened: the flows among the steps in view.
    expect(await expectFlowsOnTheirSteps(page, file)).toBeGreaterThan(10);

    // The whole map, zoomed out until the canvas draws shapes and lines only.
    await page.getByRole('toolbar').getByRole('button', { name: 'Passend maken' }).click();
    // The fit moves the view from the opening view (the beginning of the chain) in an animation; a
    // zoom-out clicked before it has shown the whole map would take over from wherever it was.
    // Zooming out about the canvas's middle keeps whatever is in view in view.
    await expect.poll(async () => (await stepsInView(page)).length, PATIENCE).toBe(file.steps.length);
    const zoomOut = page.getByRole('toolbar').getByRole('button', { name: 'Uitzoomen' });
    for (let i = 0; i < 5 && (await page.getByTestId('canvas').getAttribute('data-detail')) !== 'low'; i++) {
      await zoomOut.click();
      await expect.poll(() => zoomOf(page), PATIENCE).toBeLessThan(1);
    }
    await expect.poll(() => page.getByTestId('canvas').getAttribute('data-detail'), PATIENCE).toBe('low');
    expect(await expectFlowsOnTheirSteps(page, file, true)).toBe(79);

    // Zoomed in again on the middle of the map: the steps that were measured while small still anchor their flows.
    const box = (await page.locator('.react-flow').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 8 && (await zoomOf(page)) < 0.9; i++) await page.mouse.wheel(0, -300);
    await expect.poll(() => page.getByTestId('canvas').getAttribute('data-detail'), PATIENCE).toBe('full');
    await expectFlowsOnTheirSteps(page, file);

    // A lane moved down, then a step moved by someone else: the flows follow.
    const lane = page.getByTestId('lane').filter({ has: page.getByText('Partner 1', { exact: true }) });
    const laneId = await lane.getAttribute('data-partner-id');
    const bram = await openTab(browser, { name: 'Bram', viewport: { width: 1600, height: 1000 } });
    tabs.push(bram);
    await openMap(bram.page, app.href(map.editUrl));
    await bram.page.evaluate((id) => {
      type YMap = { get(k: string): YMap | undefined; set(k: string, v: unknown): void };
      const w = window as unknown as { __ketenkaart: { doc: { getMap(n: string): YMap } } };
      // Another participant moves the lane down one place and shifts a step 60 px to the right.
      const partners = w.__ketenkaart.doc.getMap('partners');
      partners.get(id)?.set('order', 2.5);
      w.__ketenkaart.doc
        .getMap('steps')
        .get('s2-7')
        ?.set('x', 40 + 7 * 240 + 60);
    }, laneId!);
    await expect
      .poll(
        () => page.locator('.react-flow__node[data-id="s2-7"]').evaluate((el) => (el as HTMLElement).style.transform),
        PATIENCE,
      )
      .toContain(`${40 + 7 * 240 + 60}px`);
    await expectFlowsOnTheirSteps(page, file);
    expect(anna.errors).toEqual([]);
  });
});

/** The on-screen size (computed font size x zoom) of every step label drawn in the canvas. */
async function labelSizes(page: Page): Promise<{ label: string; px: number }[]> {
  const zoom = await zoomOf(page);
  return page.evaluate((zoom) => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="step-label"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      })
      .map((el) => ({ label: el.textContent ?? '', px: parseFloat(getComputedStyle(el).fontSize) * zoom }));
  }, zoom);
}

describe('the opening view', () => {
  it('[CL-R12] the template at 1600x1000 opens with every step label at least 11 px on screen, each in whole words', async () => {
    const file = template();
    const map = await app.createMap(file);
    const tab = await openTab(browser, { name: 'Fatima', viewport: { width: 1600, height: 1000 } });
    tabs.push(tab);
    await openMap(tab.page, app.href(map.editUrl));
    await expect.poll(async () => (await labelSizes(tab.page)).length, PATIENCE).toBeGreaterThanOrEqual(8);
    const sizes = await labelSizes(tab.page);
    for (const { label, px } of sizes) expect(px, label).toBeGreaterThanOrEqual(11);
    // Whole words: each label's lines hold its words, none cut or left out.
    const labels = new Set(file.steps.map((s) => s.label));
    for (const { label } of sizes) expect(labels.has(label.trim()), label).toBe(true);
    // The first step of the chain is in view.
    expect(await stepsInView(tab.page)).toContain('w1');
    await expectFlowsOnTheirSteps(tab.page, file);
    expect(tab.errors).toEqual([]);
  });

  it('[CL-R12] on a 390x844 phone the map opens with legible step labels, at the beginning of the chain', async () => {
    const map = await app.createMap(template());
    const tab = await openTab(browser, { name: 'Fatima', viewport: { width: 390, height: 844 } });
    tabs.push(tab);
    await openMap(tab.page, app.href(map.editUrl));
    // The side panel, if it opened beside the map, is closed to see the map.
    const panel = tab.page.getByTestId('toolbar-panel');
    if ((await panel.count()) > 0 && (await panel.getAttribute('aria-pressed')) === 'true') await panel.click();
    await expect.poll(async () => (await labelSizes(tab.page)).length, PATIENCE).toBeGreaterThanOrEqual(1);
    for (const { label, px } of await labelSizes(tab.page)) expect(px, label).toBeGreaterThanOrEqual(11);
    await expect.poll(() => stepsInView(tab.page), PATIENCE).toContain('w1');
    expect(tab.errors).toEqual([]);
  });

  it('[CL-R19] the template at 1600x1000 opens with every step whole and legible, none behind the panel or the overview', async () => {
    const file = template();
    const map = await app.createMap(file);
    const tab = await openTab(browser, { name: 'Fatima', viewport: { width: 1600, height: 1000 } });
    tabs.push(tab);
    const page = tab.page;
    await openMap(page, app.href(map.editUrl));
    await expect.poll(async () => (await labelSizes(page)).length, PATIENCE).toBe(file.steps.length);
    for (const { label, px } of await labelSizes(page)) expect(px, label).toBeGreaterThanOrEqual(11);
    // Wholly inside the canvas, and clear of whatever lies over or beside it.
    expect((await stepsInView(page)).sort()).toEqual(file.steps.map((s) => s.id).sort());
    const covers = await page.evaluate(() =>
      [...document.querySelectorAll('.kk-panel, [data-testid="minimap"]')].map((el) => {
        const { left, right, top, bottom } = el.getBoundingClientRect();
        return { left, right, top, bottom };
      }),
    );
    for (const step of await page.locator('.react-flow__node-step').all()) {
      const b = (await step.boundingBox())!;
      for (const c of covers) {
        const overlaps = b.x < c.right && b.x + b.width > c.left && b.y < c.bottom && b.y + b.height > c.top;
        expect(overlaps, `${await step.getAttribute('data-id')} is covered`).toBe(false);
      }
    }
    // The details panel closed for it (the map does not fit legibly beside it) and opens with one click.
    const details = page.getByTestId('toolbar-panel');
    expect(await details.getAttribute('aria-pressed')).toBe('false');
    await details.click();
    await page.getByTestId('side-panel').waitFor();
    expect(tab.errors).toEqual([]);
  });

  it('[CL-R19] a map too wide for the canvas keeps the details panel open; on a phone the chain starts above the sheet', async () => {
    const wide = await app.createMap(grid());
    const desk = await openTab(browser, { name: 'Fatima', viewport: { width: 1600, height: 1000 } });
    tabs.push(desk);
    await openMap(desk.page, app.href(wide.editUrl));
    await desk.page.getByTestId('side-panel').waitFor();
    expect(await desk.page.getByTestId('toolbar-panel').getAttribute('aria-pressed')).toBe('true');

    const map = await app.createMap(template());
    const phone = await openTab(browser, { name: 'Fatima', viewport: { width: 390, height: 844 }, mobile: true });
    tabs.push(phone);
    await openMap(phone.page, app.href(map.editUrl));
    await expect.poll(() => stepsInView(phone.page), PATIENCE).toContain('w1');
    const sheet = (await phone.page.getByTestId('side-panel').boundingBox())!;
    const first = (await phone.page.locator('.react-flow__node-step[data-id="w1"]').boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(sheet.y);
    expect(phone.errors).toEqual([]);
  });
});
