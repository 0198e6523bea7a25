/**
 * What a person sees on a map page, found the way the tests would describe it:
 * lanes by partner name, steps by label, flows by their label. Selectors are the
 * client's `data-testid`s and React Flow's own classes.
 */
import type { Locator, Page } from 'playwright-core';
import { vi } from 'vitest';

/** How long to wait for something a person would wait for (a sync, a reconnect). */
export const PATIENCE = { timeout: 15_000, interval: 50 } as const;

/** Opens a map link and waits until the editor is there and in sync with the server. */
export async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('editor').waitFor();
  await waitUntilOnline(page);
}

/** Waits until the status badge says the page is in sync with the server (usable in hooks too). */
export async function waitUntilOnline(page: Page): Promise<void> {
  await vi.waitFor(async () => {
    const status = await connectionStatus(page);
    if (status !== 'online') throw new Error(`the connection status is ${status}, not online`);
  }, PATIENCE);
}

/** `online`, `connecting`, `reconnecting`, `offline` or `denied`, as the status badge says. */
export function connectionStatus(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-status');
}

/** The number of local changes not yet synced, as the status badge says. */
export async function unsyncedChanges(page: Page): Promise<number> {
  return Number(await page.getByTestId('connection-status').getAttribute('data-unsynced'));
}

/**
 * Brings the whole map into view with the toolbar's fit button, as a person does before
 * looking for a step (the editor renders only the steps in view).
 */
export async function fitWholeMap(page: Page): Promise<void> {
  await page.getByRole('toolbar').getByRole('button', { name: 'Passend maken' }).click();
  // The fit animates (300 ms): what a test does next starts from the fitted view, not from a
  // frame of the animation.
  await waitForStillView(page);
}

/**
 * Waits until the view stands still (two looks 100 ms apart agree) and gives it. (vi.waitFor,
 * not expect.poll: fixtures call this from beforeAll.)
 */
export async function waitForStillView(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  let last = '';
  await vi.waitFor(
    async () => {
      const now = JSON.stringify(await viewport(page));
      const still = now === last;
      last = now;
      if (!still) throw new Error('the view is still moving');
    },
    { ...PATIENCE, interval: 100 },
  );
  return JSON.parse(last) as { x: number; y: number; zoom: number };
}

/** A partner's lane (the React Flow lane node) by the partner's name. */
export function lane(page: Page, name: string): Locator {
  return page.getByTestId('lane').filter({ has: page.getByTestId('lane-name').getByText(name, { exact: true }) });
}

/** A step by its label. */
export function step(page: Page, label: string): Locator {
  return page.getByTestId('step').filter({ has: page.getByTestId('step-label').getByText(label, { exact: true }) });
}

/** A flow's label on the canvas by its text. */
export function flowLabel(page: Page, label: string): Locator {
  return page.getByTestId('flow-label').filter({ hasText: label });
}

/** The names on the lanes, top to bottom. */
export async function laneNames(page: Page): Promise<string[]> {
  const lanes = await page.getByTestId('lane').all();
  const named = await Promise.all(
    lanes.map(async (l) => ({
      name: await l.getByTestId('lane-name').innerText(),
      y: (await l.boundingBox())?.y ?? 0,
    })),
  );
  return named.sort((a, b) => a.y - b.y).map((l) => l.name);
}

/** Every step label on the canvas, sorted (its text, whatever lines the canvas broke it into). */
export async function stepLabels(page: Page): Promise<string[]> {
  return (await page.getByTestId('step-label').allTextContents()).map((t) => t.trim()).sort();
}

/** The partner id of the lane a step is drawn in. */
export function partnerOf(stepLocator: Locator): Promise<string | null> {
  return stepLocator.getAttribute('data-partner');
}

/** Where React Flow placed a node, in map coordinates (its wrapper's transform); panning does not change it. */
export function mapPosition(inside: Locator): Promise<string> {
  return inside.evaluate((el) => el.closest<HTMLElement>('.react-flow__node')?.style.transform ?? '');
}

/** Types into the in-place editor that the app just opened, and confirms with Enter. */
export async function typeInPlace(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('inline-edit');
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
}

/** The centre of an element on screen. */
export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not on screen: ${locator.toString()}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse at `from`, moves to `to` in small steps, and releases: a person's drag. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** The screen points where a flow's drawn path starts and ends (null if it is not drawn). */
export function flowEnds(
  page: Page,
  flowId: string,
): Promise<{ start: { x: number; y: number }; end: { x: number; y: number } } | null> {
  return page.evaluate((id) => {
    const path = document.querySelector<SVGPathElement>(
      `.react-flow__edge[data-id="${CSS.escape(id)}"] path.react-flow__edge-path`,
    );
    const ctm = path?.getScreenCTM();
    if (!path || !ctm) return null;
    const total = path.getTotalLength();
    const at = (length: number) => {
      const p = path.getPointAtLength(length);
      return { x: ctm.a * p.x + ctm.c * p.y + ctm.e, y: ctm.b * p.x + ctm.d * p.y + ctm.f };
    };
    return { start: at(0), end: at(total) };
  }, flowId);
}

/** Whether a screen point lies on a box, allowing `slack` pixels around it (arrow heads, handles). */
export function onBox(
  point: { x: number; y: number },
  box: { x: number; y: number; width: number; height: number },
  slack = 12,
): boolean {
  return (
    point.x >= box.x - slack &&
    point.x <= box.x + box.width + slack &&
    point.y >= box.y - slack &&
    point.y <= box.y + box.height + slack
  );
}

/**
 * What has the keyboard focus: the id of the map node or flow it is in (`~lane:…`, a step or
 * flow id), else its test id, tag or `body`.
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const item = el.closest<HTMLElement | SVGElement>('.react-flow__node, .react-flow__edge');
    return item?.dataset['id'] ?? el.getAttribute('data-testid') ?? el.id ?? el.tagName.toLowerCase();
  });
}

/** The canvas's viewport: React Flow's pan (x, y) and zoom. */
export async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(([-\d.e]+)\)/.exec(transform);
  if (!m) throw new Error(`unexpected viewport transform: ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}
