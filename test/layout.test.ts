/**
 * Client rules CL-AL1-AL4, CL-U5: Anna lays out the map; Bram sees every step move at once; one
 * Ctrl+Z of Anna's puts everything back for both; Bram's page never starts a layout of its own
 * (it never creates the layout worker) and has nothing to undo. Anna's page starts the layout
 * worker only; ELK runs in elkjs's classic worker, started by the layout worker, and none of ELK
 * is loaded by the page itself.
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Tab } from './support/browser.js';
import { PATIENCE } from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();

/** Where each step is drawn, by id: React Flow's transform of its node, in map coordinates. */
function drawn(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('.react-flow__node-step')].map((n) => [
        n.dataset['id'] ?? '',
        n.style.transform,
      ]),
    ),
  );
}

/** Counts the Web Workers the page creates from now on (`window.__workers`). */
async function countWorkers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __workers: string[]; Worker: typeof Worker };
    w.__workers = [];
    const Original = w.Worker;
    w.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        w.__workers.push(String(url));
      }
    };
  });
}

/** Scripts of ELK or the layout the page itself loaded (a worker's own loads are not listed). */
const loadedByPage = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => /elk|layout/i.test(url) && !/layoutWorker-[^/]*\.js$/.test(url)),
  );

const workers = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __workers: string[] }).__workers);

/** Each step's place in the model, by id: x, y inside its lane, and its partner. */
const placesIn = (file: MapFile): Record<string, unknown[]> =>
  Object.fromEntries(file.steps.map((s) => [s.id, [s.x, s.y, s.partner]]));

const stored = (): Promise<MapFile> => editors.app.exportMap(editors.map.id, editors.map.editToken);

const toolbarButton = (tab: Tab, name: string) => tab.page.getByRole('toolbar').getByRole('button', { name });

/** Picks an entry of the toolbar's "Opmaak" menu, as a person does. */
async function layoutMenu(tab: Tab, item: string): Promise<void> {
  await tab.page.getByTestId('toolbar-layout').click();
  await tab.page.getByRole('menuitem', { name: item }).click();
}

describe('auto-layout', () => {
  it('[CL-AL1] [CL-AL3] [CL-AL4] [CL-U5] Anna lays out, Bram sees it; one Ctrl+Z restores all; Bram never lays out', async () => {
    const { anna, bram } = editors;
    await countWorkers(anna.page);
    await countWorkers(bram.page);
    const before = await drawn(anna.page);
    expect(Object.keys(before).length).toBeGreaterThan(5);
    await expect.poll(() => drawn(bram.page), PATIENCE).toEqual(before);

    await layoutMenu(anna, 'Opmaak: alles');
    await expect.poll(() => drawn(anna.page), PATIENCE).not.toEqual(before);
    await expect.poll(() => anna.page.getByTestId('layout-status').count(), PATIENCE).toBe(0);
    const after = await drawn(anna.page);
    await expect.poll(() => drawn(bram.page), PATIENCE).toEqual(after);
    const moved = Object.keys(after).filter((id) => after[id] !== before[id]);
    expect(moved.length).toBeGreaterThan(1);

    // The page started one worker, the layout worker; ELK ran in elkjs's classic worker script,
    // which the layout worker started (a worker of that worker), and never in the page.
    const annas = await workers(anna.page);
    expect(annas).toHaveLength(1);
    expect(annas[0]).toMatch(/layoutWorker-[^/]*\.js$/);
    const running = anna.page.workers().map((w) => w.url());
    expect(running.filter((url) => /elk-worker\.min-[^/]*\.js$/.test(url))).toHaveLength(1);
    expect(await loadedByPage(anna.page)).toEqual([]);

    // One Ctrl+Z, with the focus on the map, puts back every step for both.
    await anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await anna.page.keyboard.press('Control+z');
    await expect.poll(() => drawn(anna.page), PATIENCE).toEqual(before);
    await expect.poll(() => drawn(bram.page), PATIENCE).toEqual(before);

    // Bram's page never started a layout: no worker, and nothing of the layout on his undo stack.
    expect(await workers(bram.page)).toEqual([]);
    expect(bram.page.workers().filter((w) => /elk|layout/i.test(w.url()))).toEqual([]);
    expect(await toolbarButton(bram, 'Ongedaan maken').isDisabled()).toBe(true);
    expect(anna.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });

  it('[CL-AL3] layout of the selection (Shift+O) moves only the selected steps', async () => {
    const { anna, bram } = editors;
    const before = await drawn(anna.page);
    const placedBefore = placesIn(await stored());
    // Steps that a layout of the whole map moves: laid out on their own, some of them move too.
    await layoutMenu(anna, 'Opmaak: alles');
    await expect.poll(() => drawn(anna.page), PATIENCE).not.toEqual(before);
    const laidOut = await drawn(anna.page);
    const chosen = Object.keys(laidOut)
      .filter((k) => laidOut[k] !== before[k])
      .slice(0, 4);
    await anna.page.keyboard.press('Control+z');
    await expect.poll(() => drawn(anna.page), PATIENCE).toEqual(before);

    await expect.poll(async () => placesIn(await stored()), PATIENCE).toEqual(placedBefore);
    for (const [i, id] of chosen.entries())
      await anna.page.locator(`.react-flow__node-step[data-id="${id}"]`).click(i === 0 ? {} : { modifiers: ['Shift'] });
    const last = anna.page.locator(`.react-flow__node-step[data-id="${chosen.at(-1) ?? ''}"]`);
    await expect.poll(() => last.evaluate((n) => n.classList.contains('selected')), PATIENCE).toBe(true);
    await anna.page.keyboard.press('Shift+O');
    await expect
      .poll(async () => {
        const now = await drawn(anna.page);
        return chosen.some((id) => now[id] !== before[id]);
      }, PATIENCE)
      .toBe(true);
    const after = await drawn(anna.page);
    await expect.poll(() => drawn(bram.page), PATIENCE).toEqual(after);
    // In the model (x, and y inside the lane) every other step stays put; on screen a step of a
    // lane below may shift down when a lane above grew to hold the laid-out part.
    await expect.poll(async () => placesIn(await stored()), PATIENCE).not.toEqual(placedBefore);
    const placedAfter = placesIn(await stored());
    for (const other of Object.keys(placedBefore))
      if (!chosen.includes(other)) expect(placedAfter[other], other).toEqual(placedBefore[other]);
    expect(await workers(bram.page)).toEqual([]);
  });
});
