/**
 * Making flows and moving steps the easy ways: a flow dropped anywhere on a step's body, a
 * flow made with the keyboard alone, Tab through the map in reading order, and a step moved
 * to another partner from the details panel landing where nothing else is.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import {
  centre,
  drag,
  flowEnds,
  focused,
  lane,
  onBox,
  openMap,
  partnerOf,
  PATIENCE,
  step,
} from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
let tab: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

beforeEach(async () => {
  await tab?.context.close();
  map = await app.createMap(template());
  tab = await openTab(browser, { name: 'Eva' });
  await openMap(tab.page, app.href(map.editUrl));
  await step(tab.page, 'Salarisadministratie bijwerken').waitFor();
});

keepScreenshotsOnFailure(() => [tab]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The flows of the stored map, as `from>to`. */
async function storedFlows(): Promise<string[]> {
  return (await app.exportMap(map.id, map.editToken)).flows.map((f) => `${f.from}>${f.to}`);
}

/** The id of the stored flow from one step to another. */
async function flowId(from: string, to: string): Promise<string | undefined> {
  return (await app.exportMap(map.id, map.editToken)).flows.find((f) => f.from === from && f.to === to)?.id;
}

describe('making flows', () => {
  it('[CL-F1] a flow dragged from a step and dropped on the middle of another step’s body connects them', async () => {
    const page = tab.page;
    const source = step(page, 'Salarisadministratie bijwerken');
    const target = step(page, 'Loonheffing innen');
    const handle = source.locator('.react-flow__handle.source');
    // The middle of the body, well away from the target's own handle on its left side.
    await drag(page, await centre(handle), await centre(target), 25);
    await page.keyboard.press('Escape'); // leave the new flow's label empty
    await expect.poll(storedFlows, PATIENCE).toContain('w1>b3');

    // Drawn: its path runs from the source step to the target step.
    const id = (await flowId('w1', 'b3'))!;
    await expect.poll(() => flowEnds(page, id), PATIENCE).not.toBeNull();
    const ends = (await flowEnds(page, id))!;
    expect(onBox(ends.start, (await source.boundingBox())!)).toBe(true);
    expect(onBox(ends.end, (await target.boundingBox())!)).toBe(true);
    expect(tab.errors).toEqual([]);
  });

  it('[CL-F1] a drop on empty map or on the step it started from makes no flow', async () => {
    const page = tab.page;
    const source = step(page, 'Salarisadministratie bijwerken');
    const handle = source.locator('.react-flow__handle.source');
    const before = await storedFlows();
    const box = (await source.boundingBox())!;
    await drag(page, await centre(handle), { x: box.x + box.width / 2, y: box.y + box.height / 2 }, 10);
    const laneBox = (await lane(page, 'Werkgever').boundingBox())!;
    await drag(page, await centre(handle), { x: box.x + box.width + 40, y: laneBox.y + laneBox.height - 4 }, 10);
    expect(await page.getByTestId('inline-edit').count()).toBe(0);
    expect(await storedFlows()).toEqual(before);
  });

  it('[CL-K2] C on a selected step opens a searchable list; Enter makes the flow, which then has the focus', async () => {
    const page = tab.page;
    await step(page, 'Loonaangifte opstellen').click();
    await page.keyboard.press('c');
    const dialog = page.getByTestId('connect-dialog');
    await dialog.waitFor();
    // The search field has the focus; without a query the step after the source comes first.
    expect(await focused(page)).toBe('connect-search');
    const active = () => dialog.locator('[role="option"][aria-selected="true"]').getAttribute('data-step-id');
    expect(await active()).toBe('b1');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe('b2');
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe('b1');

    // Typing narrows the list down (labels and partner names).
    await page.keyboard.type('cbs');
    await expect
      .poll(() =>
        dialog.getByTestId('connect-target').evaluateAll((els) => els.map((el) => el.getAttribute('data-step-id'))),
      )
      .toEqual(['c1', 'c2']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(storedFlows, PATIENCE).toContain('w2>c2');
    const id = (await flowId('w2', 'c2'))!;
    // The new flow is drawn, selected and focused: F2 names it.
    await expect.poll(() => focused(page), PATIENCE).toBe(id);
    await expect.poll(() => flowEnds(page, id), PATIENCE).not.toBeNull();
    await page.keyboard.press('F2');
    await page.getByTestId('inline-edit').fill('Loonstaat');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await app.exportMap(map.id, map.editToken)).flows.find((f) => f.id === id)?.label, PATIENCE)
      .toBe('Loonstaat');
  });

  it('[CL-K2] Escape closes the list without a flow and gives the focus back to the step', async () => {
    const page = tab.page;
    const before = await storedFlows();
    await step(page, 'Aangifte controleren').click();
    expect(await focused(page)).toBe('b2');
    await page.keyboard.press('c');
    await page.getByTestId('connect-dialog').waitFor();
    await page.keyboard.type('pub'); // one Escape closes, also with a search typed
    await page.keyboard.press('Escape');
    await page.getByTestId('connect-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('b2');
    expect(await storedFlows()).toEqual(before);
    // Without a selected step, C does nothing and the toolbar's button is disabled.
    await page.keyboard.press('Escape');
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('c');
    expect(await page.getByTestId('connect-dialog').count()).toBe(0);
    expect(await page.getByTestId('toolbar-connect').isDisabled()).toBe(true);
  });
});

describe('the keyboard', () => {
  const LANES_AND_STEPS = [
    '~lane:werkgever',
    'w1',
    'w2',
    '~lane:belastingdienst',
    'b1',
    'b2',
    'b3',
    '~lane:uwv',
    'u1',
    'u2',
    '~lane:cbs',
    'c1',
    'c2',
    '~lane:afnemers',
    'a1',
  ];
  // Flows by where their from-step comes, then their to-step.
  const FLOWS = ['f1', 'f2', 'f3', 'f4', 'f6', 'f5', 'f7', 'f9', 'f8', 'f10'];

  /** Presses Tab (or Shift+Tab) until the focus leaves the map; the map items visited, each once. */
  async function tabThrough(key: 'Tab' | 'Shift+Tab'): Promise<{ visited: string[]; after: string }> {
    const page = tab.page;
    const visited: string[] = [];
    for (let i = 0; i < 200; i++) {
      const before = await page.evaluateHandle(() => document.activeElement);
      await page.keyboard.press(key);
      // An item off screen is focused once the view has moved to it (a frame or two later); until
      // then the focus stays where it was, or is nowhere if that scrolled away. Each press must
      // move it on: the next press waits for that.
      await expect
        .poll(
          () =>
            page.evaluate((el) => document.activeElement !== el && document.activeElement !== document.body, before),
          PATIENCE,
        )
        .toBe(true);
      await before.dispose();
      const now = await focused(page);
      const inMap = await page.evaluate(() => !!document.activeElement?.closest('.react-flow'));
      if (!inMap) return { visited, after: now };
      if (visited[visited.length - 1] !== now) visited.push(now);
    }
    throw new Error(`the focus never left the map: ${visited.join(' ')}`);
  }

  it('[CL-K1] Tab visits the lanes, each followed by its steps in flow order, then the flows; then leaves the map', async () => {
    const page = tab.page;
    await page.getByTestId('toolbar-snap').focus();
    const forward = await tabThrough('Tab');
    expect(forward.visited).toEqual([...LANES_AND_STEPS, ...FLOWS]);
    expect(forward.after).toBe('map-title-panel');

    // Shift+Tab from the panel comes back in at the last flow and runs the same way backwards.
    const backward = await tabThrough('Shift+Tab');
    expect(backward.visited).toEqual([...LANES_AND_STEPS, ...FLOWS].reverse());
    expect(backward.after).toBe('toolbar-snap');
  });

  it('[CL-K1] zoomed in so that most of the map is off screen, Tab still reaches every step and flow', async () => {
    const page = tab.page;
    await step(page, 'Salarisadministratie bijwerken').click();
    for (let i = 0; i < 5; i++) await page.getByTestId('toolbar-zoom-in').click();
    await expect.poll(() => page.getByTestId('step').count(), PATIENCE).toBeLessThan(10);
    // The zoom animates: Tab once the view is still (a Tab during the animation is focusItem's
    // concern, not this order's).
    const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
    await expect
      .poll(async () => {
        const before = await transform();
        await new Promise((r) => setTimeout(r, 250));
        return before === (await transform());
      }, PATIENCE)
      .toBe(true);
    // The first lane is off screen: until the view has moved to it, the focus rests on nothing,
    // not on the flow the browser would have picked.
    await page.getByTestId('toolbar-snap').focus();
    await page.keyboard.press('Tab');
    const resting = await page.evaluate(
      () => document.activeElement?.closest('.react-flow__edge')?.getAttribute('data-id') ?? null,
    );
    expect(resting).toBeNull();
    await expect.poll(() => focused(page), PATIENCE).toBe('~lane:werkgever');

    await page.getByTestId('toolbar-snap').focus();
    const forward = await tabThrough('Tab');
    expect(forward.visited).toEqual([...LANES_AND_STEPS, ...FLOWS]);
  });
});

describe('changing a step’s partner', () => {
  it('[CL-E5] in the details panel puts the step in a free spot of the new lane, on top of no other step', async () => {
    const page = tab.page;
    // Loonheffing innen (Belastingdienst) has the same x as Polisadministratie bijwerken (UWV).
    await step(page, 'Loonheffing innen').click();
    await page.getByTestId('step-partner').selectOption('uwv');
    const moved = step(page, 'Loonheffing innen');
    await expect.poll(() => partnerOf(moved), PATIENCE).toBe('uwv');

    const boxes = async () => ({
      moved: (await moved.boundingBox())!,
      others: await Promise.all(
        ['Polisadministratie bijwerken', 'Gegevens leveren'].map(async (l) => (await step(page, l).boundingBox())!),
      ),
      lane: (await lane(page, 'UWV').boundingBox())!,
    });
    await expect
      .poll(async () => {
        const b = await boxes();
        return b.others.every(
          (o) =>
            b.moved.x + b.moved.width <= o.x ||
            o.x + o.width <= b.moved.x ||
            b.moved.y + b.moved.height <= o.y ||
            o.y + o.height <= b.moved.y,
        );
      }, PATIENCE)
      .toBe(true);
    const b = await boxes();
    expect(b.moved.y).toBeGreaterThanOrEqual(b.lane.y);
    expect(b.moved.y + b.moved.height).toBeLessThanOrEqual(b.lane.y + b.lane.height + 1);

    const stored = (await app.exportMap(map.id, map.editToken)).steps.find((s) => s.id === 'b3')!;
    expect(stored).toMatchObject({ partner: 'uwv', x: 1160 });
  });
});
