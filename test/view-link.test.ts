/**
 * The view link opens the map read-only. The page offers
 * no way to edit, and a write forced through the page's own sync provider is refused
 * by the server: no editor receives it and the stored map does not change.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { centre, drag, mapPosition, openMap, PATIENCE, step, stepLabels, typeInPlace } from './support/map-page.js';
import { template } from './support/template.js';
import {
  AUTH_PERMISSION_DENIED,
  MESSAGE_AUTH,
  MESSAGE_SYNC,
  SYNC_UPDATE,
  allReceivedFrames,
  allSentFrames,
  tapWebSockets,
} from './support/wire.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
let editor: Tab;
let viewer: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap(template());
  editor = await openTab(browser, { name: 'Eva' });
  viewer = await openTab(browser, { name: 'Victor' });
  await tapWebSockets(viewer.page);
  await openMap(editor.page, app.href(map.editUrl));
  await openMap(viewer.page, app.href(map.viewUrl));
});

keepScreenshotsOnFailure(() => [editor, viewer]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The page's open session, which the client exposes for tests as `window.__ketenkaart`. */
interface DebugSession {
  readonly role: string;
  readonly doc: {
    transact(fn: () => void, origin: string): void;
    getMap(name: string): { set(key: string, value: unknown): void; get(key: string): unknown };
  };
}

describe('the view link', () => {
  it('[CL-R4] shows the map with no editing controls, and ignores editing gestures', async () => {
    const page = viewer.page;
    await expect.poll(() => stepLabels(page), PATIENCE).toContain('Salarisadministratie bijwerken');
    // The map opens legible (CL-R12), not necessarily whole: the fit shortcut shows all of it.
    await page.keyboard.press('f');
    await expect.poll(() => stepLabels(page), PATIENCE).toHaveLength(10);
    expect(await page.getByTestId('editor').getAttribute('data-role')).toBe('viewer');
    expect(await page.getByTestId('read-only-badge').isVisible()).toBe(true);

    // No toolbar, no share dialog, no lane buttons, no drag handles, no flow handles to connect.
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await page.getByTestId('toolbar-share').count()).toBe(0);
    expect(await page.getByTestId('lane-move-up').count()).toBe(0);
    expect(await page.getByTestId('lane-remove').count()).toBe(0);
    expect(await page.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await page.locator('.react-flow__handle.connectable').count()).toBe(0);
    // The title is text, not a field; every field in the details panel is read-only.
    expect(await page.getByTestId('map-title').evaluate((el) => el.tagName)).not.toBe('INPUT');
    const fields = page.getByTestId('side-panel').locator('input, textarea, select');
    for (const field of await fields.all()) {
      expect(await field.evaluate((el) => el.hasAttribute('readonly') || el.hasAttribute('disabled'))).toBe(true);
    }

    // Gestures that edit for an editor do nothing here.
    const first = step(page, 'Salarisadministratie bijwerken');
    const before = await mapPosition(first);
    const from = await centre(first);
    await drag(page, from, { x: from.x + 200, y: from.y + 150 });
    expect(await mapPosition(first)).toBe(before);
    await first.dblclick();
    expect(await page.getByTestId('inline-edit').count()).toBe(0);
    await first.click();
    await page.keyboard.press('Delete');
    await page.keyboard.press('n');
    await page.keyboard.press('l');
    // The drag panned the view; fit again to count every step.
    await page.keyboard.press('f');
    await expect.poll(() => stepLabels(page)).toHaveLength(10);
    expect(await page.getByTestId('lane').count()).toBe(5);
    expect(await app.exportMap(map.id, map.editToken)).toEqual(await app.exportMap(map.id, map.viewToken));
    const stored = await app.exportMap(map.id, map.editToken);
    expect(stored.steps).toHaveLength(10);
    expect(stored.partners).toHaveLength(5);
  });

  it('[SV-R2, SV-R3] a write forced through its own provider is refused by the server and reaches no one', async () => {
    const before = await app.exportMap(map.id, map.editToken);
    const sentBefore = (await allSentFrames(viewer.page)).length;
    await viewer.page.evaluate(() => {
      const session = (window as unknown as { __ketenkaart?: DebugSession }).__ketenkaart;
      if (!session) throw new Error('the client exposes no window.__ketenkaart');
      const { doc } = session;
      // What a script in devtools could do: change the title and a step's label in the
      // page's own Y.Doc, as a local edit, which its WebsocketProvider sends on.
      doc.transact(() => {
        doc.getMap('meta').set('title', 'Gehackt');
        (doc.getMap('steps').get('w1') as { set(k: string, v: unknown): void }).set('label', 'Gehackt');
      }, 'local');
    });

    // The provider did send it: a sync update frame left the page.
    const sent = (await allSentFrames(viewer.page)).slice(sentBefore);
    expect(sent.some((frame) => frame[0] === MESSAGE_SYNC && frame[1] === SYNC_UPDATE)).toBe(true);

    // The server answers the viewer with y-websocket's "permission denied" auth message.
    await expect
      .poll(
        async () =>
          (await allReceivedFrames(viewer.page)).some(
            (frame) => frame[0] === MESSAGE_AUTH && frame[1] === AUTH_PERMISSION_DENIED,
          ),
        PATIENCE,
      )
      .toBe(true);

    // The viewer drops its refused change, with its cache, and shows the map as stored again.
    await expect.poll(() => stepLabels(viewer.page), PATIENCE).toContain('Salarisadministratie bijwerken');
    expect(await stepLabels(viewer.page)).not.toContain('Gehackt');
    await expect.poll(() => viewer.page.getByTestId('map-title').textContent(), PATIENCE).toBe('Loonaangifteketen');

    // Live updates still reach the viewer; once the editor's later edit has arrived there,
    // anything the server had passed on from the viewer would have reached the editor too.
    await step(editor.page, 'Loonheffing innen').dblclick();
    await typeInPlace(editor.page, 'Loonheffing innen en afdragen');
    await expect.poll(() => stepLabels(viewer.page), PATIENCE).toContain('Loonheffing innen en afdragen');
    expect(await editor.page.getByText('Gehackt').count()).toBe(0);
    // Presence still works both ways: each is in the other's participant list.
    const listed = (tab: Tab, name: string) =>
      tab.page
        .getByTestId('participants')
        .getByRole('button', { name: new RegExp(name) })
        .count();
    await expect.poll(() => listed(editor, 'Victor'), PATIENCE).toBe(1);
    await expect.poll(() => listed(viewer, 'Eva'), PATIENCE).toBe(1);
    expect(await editor.page.getByTestId('map-title').inputValue()).toBe('Loonaangifteketen');

    // The stored map changed only by the editor's edit.
    const after = await app.exportMap(map.id, map.editToken);
    expect(after.title).toBe('Loonaangifteketen');
    expect(after).toEqual({
      ...before,
      steps: before.steps.map((s) => (s.id === 'b3' ? { ...s, label: 'Loonheffing innen en afdragen' } : s)),
    });
    expect(editor.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-R11] after a refused write and a reload, the viewer shows the stored map (its cache kept nothing)', async () => {
    await viewer.page.reload();
    await expect.poll(() => stepLabels(viewer.page), PATIENCE).toContain('Salarisadministratie bijwerken');
    expect(await stepLabels(viewer.page)).not.toContain('Gehackt');
    await expect.poll(() => viewer.page.getByTestId('map-title').textContent(), PATIENCE).toBe('Loonaangifteketen');
    expect(viewer.errors).toEqual([]);
  });
});
