/**
 * The editor and the view link on a phone (390 × 844, touch): one row of top bar (plus one of
 * tools for editors), the details as a bottom sheet that covers at most half the screen, the
 * map in view, and one finger pans and two pinch anywhere on it, lanes included.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { lane, openMap, PATIENCE, step, viewport } from './support/map-page.js';
import { template } from './support/template.js';

const PHONE = { width: 390, height: 844 };
/** The height of one row of controls: a 44 px touch target and its padding. */
const ROW = 56;

let app: App;
let browser: Browser;
let map: CreatedMap;
let editor: Tab;
let viewer: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap(template());
  editor = await openTab(browser, { name: 'Eva', viewport: PHONE, mobile: true });
  viewer = await openTab(browser, { viewport: PHONE, mobile: true });
  await openMap(editor.page, app.href(map.editUrl));
  await openMap(viewer.page, app.href(map.viewUrl));
});

keepScreenshotsOnFailure(() => [editor, viewer]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function box(page: Page, testId: string) {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} is not on screen`);
  return b;
}

/** Touches the screen with one or two fingers and moves them, as a person pans or pinches. */
async function touchGesture(
  page: Page,
  fingers: readonly { from: { x: number; y: number }; to: { x: number; y: number } }[],
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) =>
    fingers.map((f, id) => ({
      id,
      x: f.from.x + (f.to.x - f.from.x) * t,
      y: f.from.y + (f.to.y - f.from.y) * t,
    }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= 10; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 10) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** A point on a lane's band where no step is: a touch there lands on the lane itself. */
async function emptyLanePoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const b = (await lane(page, name).boundingBox())!;
  const point = { x: Math.min(b.x + b.width - 10, PHONE.width - 60), y: b.y + b.height - 3 };
  const onStep = await page.evaluate(
    ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.react-flow__node-step'),
    point,
  );
  expect(onStep).toBe(false);
  return point;
}

describe('an editor on a phone', () => {
  it('[CL-M1] has a top bar of one row and a toolbar of one row; the rest is in menus', async () => {
    const page = editor.page;
    const top = await box(page, 'topbar');
    const tools = await box(page, 'toolbar');
    expect(top.height).toBeLessThanOrEqual(ROW);
    expect(tools.height).toBeLessThanOrEqual(ROW);
    expect(tools.y + tools.height - top.y).toBeLessThanOrEqual(2 * ROW);
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The less-used actions are in the menus, and work from there.
    await page.getByTestId('toolbar-menu').tap();
    await page.getByTestId('toolbar-menu-zoom-in').waitFor();
    const zoom = (await viewport(page)).zoom;
    await page.getByTestId('toolbar-menu-zoom-in').tap();
    await expect.poll(async () => (await viewport(page)).zoom, PATIENCE).toBeGreaterThan(zoom);
    expect(await page.getByTestId('toolbar-menu-zoom-in').count()).toBe(0);
    await page.getByTestId('topbar-menu').tap();
    await page.getByTestId('topbar-menu-share').tap();
    await page.getByTestId('share-dialog').waitFor();
    await page.getByTestId('share-dialog').getByRole('button', { name: 'Sluiten' }).tap();
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('toolbar-menu').tap();
    await page.getByTestId('toolbar-menu-fit').tap();
  });

  it('[CL-M2] shows the details as a bottom sheet: closed a handle, open at most half the screen, the map above it', async () => {
    const page = editor.page;
    const sheet = await box(page, 'side-panel');
    expect(sheet.height).toBeLessThanOrEqual(ROW);
    expect(sheet.y + sheet.height).toBeCloseTo(PHONE.height, 0);
    const canvas = await box(page, 'canvas');
    expect(canvas.width).toBe(PHONE.width);
    expect(canvas.height).toBeGreaterThan(PHONE.height / 2);
    // Every step is drawn, inside the canvas (the map was fitted whole above; the fit animates).
    await expect.poll(() => page.getByTestId('step').count(), PATIENCE).toBe(10);
    const steps = await page.getByTestId('step').all();
    for (const s of steps) {
      const b = (await s.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(canvas.x - 1);
      expect(b.y).toBeGreaterThanOrEqual(canvas.y - 1);
      expect(b.y + b.height).toBeLessThanOrEqual(sheet.y + 1);
    }

    // A tap on a step names it on the handle; opening the sheet shows its details.
    await step(page, 'Gegevens leveren').tap();
    await expect.poll(() => page.getByTestId('sheet-handle').innerText(), PATIENCE).toContain('Gegevens leveren');
    await page.getByTestId('sheet-handle').tap();
    await page.getByTestId('step-panel').waitFor();
    const open = await box(page, 'side-panel');
    expect(open.height).toBeLessThanOrEqual(PHONE.height / 2 + 1);
    expect(open.height).toBeGreaterThan(2 * ROW);
    await page.getByTestId('sheet-handle').tap();
    await page.getByTestId('step-panel').waitFor({ state: 'detached' });
  });

  it('[CL-T1] one finger pans and two fingers pinch, also when they start on a lane', async () => {
    const page = editor.page;
    const from = await emptyLanePoint(page, 'Belastingdienst');
    const before = await viewport(page);
    await touchGesture(page, [{ from, to: { x: from.x - 120, y: from.y - 80 } }]);
    await expect.poll(async () => (await viewport(page)).x, PATIENCE).toBeLessThan(before.x - 60);
    const panned = await viewport(page);
    expect(panned.y).toBeLessThan(before.y - 40);
    expect(panned.zoom).toBeCloseTo(before.zoom, 5);

    const centre = await emptyLanePoint(page, 'UWV');
    await touchGesture(page, [
      { from: { x: centre.x - 20, y: centre.y }, to: { x: centre.x - 90, y: centre.y } },
      { from: { x: centre.x + 20, y: centre.y }, to: { x: centre.x + 90, y: centre.y } },
    ]);
    await expect.poll(async () => (await viewport(page)).zoom, PATIENCE).toBeGreaterThan(panned.zoom * 1.5);
    expect(editor.errors).toEqual([]);
  });

  it('[CL-M1] the search opens from a button over the top bar, jumps to a step and closes', async () => {
    const page = editor.page;
    await page.getByTestId('search-open').tap();
    const input = page.getByTestId('search');
    await input.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await input.fill('Publicatie');
    await page.getByTestId('search-result').first().tap();
    await input.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('sheet-handle').innerText(), PATIENCE).toContain('Publicatie');
  });
});

describe('the view link on a phone', () => {
  it('[CL-M1] [CL-M2] [CL-B7] is one row of top bar and one browse row over the text view, the sheet closed; the map pans by touch', async () => {
    const page = viewer.page;
    expect(await page.getByTestId('name-dialog').count()).toBe(0);
    const top = await box(page, 'topbar');
    expect(top.height).toBeLessThanOrEqual(ROW);
    expect(await page.getByTestId('toolbar').count()).toBe(0);
    expect(await page.getByTestId('read-only-badge').isVisible()).toBe(true);
    expect((await box(page, 'browse-bar')).height).toBeLessThanOrEqual(ROW);
    expect((await box(page, 'browse-panel')).height).toBeLessThanOrEqual(ROW);
    // A phone opens the chain as text (CL-B7); the map is one press away.
    await expect.poll(() => page.getByTestId('text-step').count(), PATIENCE).toBe(10);
    await page.getByTestId('browse-show-map').tap();
    // The map opens legible at the chain's start (CL-R12), so only its first steps are drawn.
    await expect.poll(() => page.getByTestId('step').count(), PATIENCE).toBeGreaterThan(0);

    // At the chain's start Werkgever's band holds a flow routed along its bottom: touch an empty lane.
    const from = await emptyLanePoint(page, 'Belastingdienst');
    const before = await viewport(page);
    await touchGesture(page, [{ from, to: { x: from.x - 100, y: from.y + 60 } }]);
    await expect.poll(async () => (await viewport(page)).x, PATIENCE).toBeLessThan(before.x - 50);
    expect(viewer.errors).toEqual([]);
  });
});
