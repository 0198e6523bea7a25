/**
 * Deleting a map (client rules CL-O1, CL-O2; server rule SV-O1): an editor finds "Kaart
 * verwijderen" in the map's panel, is asked first, and lands on the home page with a message;
 * the map leaves this device (recent list, IndexedDB copy); a viewer who had it open sees that it
 * was deleted; the links are dead on the server. A device that was away (offline, closed) while
 * the map was deleted keeps its copy when the server says it does not know the map, and saves it
 * as a new map or wipes it only when the person chooses (CL-O3).
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { cacheName, cachedInIndexedDb } from './support/idb.js';
import { connectionStatus, openMap, PATIENCE, stepLabels } from './support/map-page.js';
import { runCli } from '../server/src/cli/cli.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
const tabs: Tab[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap({ ...template(), title: 'Weg ermee' });
});

keepScreenshotsOnFailure(() => tabs);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newTab(options: Parameters<typeof openTab>[1] = {}): Promise<Tab> {
  const tab = await openTab(browser, options);
  tabs.push(tab);
  return tab;
}

/** The names of this origin's IndexedDB databases (the map caches are among them). */
const databases = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

/** The ids in this device's list of recent maps. */
const recentIds = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (JSON.parse(localStorage.getItem('ketenkaart:recent') ?? '[]') as { id: string }[]).map((r) => r.id),
  );

/** Whether the element is inside the window, with a size: what a person can see and click. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize()!;
  return (
    box !== null &&
    box.width > 40 &&
    box.height > 16 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width &&
    box.y + box.height <= size.height
  );
}

describe('deleting a map', () => {
  it('[CL-O1] [CL-O2] [SV-O1] an editor is asked first, then the map is gone for everyone and from this device', async () => {
    const viewer = await newTab({ name: 'Vera' });
    await openMap(viewer.page, app.href(map.viewUrl));
    // [CL-O1] only editors have the entry (a viewer reads the map in browse mode, CL-B1).
    await viewer.page.getByTestId('editor').waitFor();
    expect(await viewer.page.getByTestId('delete-map').count()).toBe(0);

    const editor = await newTab({ name: 'Eva' });
    await openMap(editor.page, app.href(map.editUrl));
    expect(await recentIds(editor.page)).toContain(map.id);
    await expect
      .poll(async () => (await databases(editor.page)).includes(`ketenkaart:edit:${map.id}`), PATIENCE)
      .toBe(true);
    const entry = editor.page.getByTestId('delete-map');
    await entry.scrollIntoViewIfNeeded();
    expect(await entry.innerText()).toBe('Kaart verwijderen');

    // Asked first; cancelling changes nothing.
    await entry.click();
    const dialog = editor.page.getByTestId('delete-map-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Dit kan niet ongedaan worden gemaakt.');
    expect(await onScreen(editor.page, 'delete-map-confirm')).toBe(true);
    await editor.page.getByTestId('delete-map-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await app.exportMap(map.id, map.viewToken)).title).toBe('Weg ermee');

    await entry.click();
    await editor.page.getByTestId('delete-map-confirm').click();

    // [CL-O2] home, with the message; the map is no longer listed nor cached here.
    await editor.page.getByTestId('home').waitFor(PATIENCE);
    expect(new URL(editor.page.url()).pathname).toBe('/');
    const notice = editor.page.getByTestId('home-notice');
    expect(await notice.innerText()).toContain('De kaart is verwijderd.');
    expect(await onScreen(editor.page, 'home-notice')).toBe(true);
    expect(await recentIds(editor.page)).not.toContain(map.id);
    expect(await editor.page.getByTestId('recent-map').filter({ hasText: 'Weg ermee' }).count()).toBe(0);
    await expect
      .poll(async () => (await databases(editor.page)).includes(`ketenkaart:edit:${map.id}`), PATIENCE)
      .toBe(false);

    // The viewer is told at once, and keeps nothing of it either.
    const banner = viewer.page.getByTestId('link-invalid');
    await banner.waitFor(PATIENCE);
    expect(await banner.getAttribute('data-close-code')).toBe('4410');
    expect(await banner.innerText()).toContain('Deze kaart is verwijderd.');
    await expect.poll(() => recentIds(viewer.page), PATIENCE).not.toContain(map.id);
    await expect
      .poll(async () => (await databases(viewer.page)).includes(`ketenkaart:view:${map.id}`), PATIENCE)
      .toBe(false);

    // [SV-O1] the links are dead on the server; opening one again says the map is gone.
    const res = await fetch(`${app.url}/api/maps/${map.id}/access?token=${map.editToken}`);
    expect(res.status).toBe(404);
    await editor.page.goto(app.href(map.editUrl));
    await editor.page.getByTestId('link-invalid').waitFor(PATIENCE);
    expect(await editor.page.getByTestId('link-invalid').innerText()).toContain('Deze kaart bestaat niet (meer).');

    // The message was for that moment: a fresh home page does not show it.
    await editor.page.goto(app.href('/'));
    expect(await editor.page.getByTestId('home-notice').count()).toBe(0);
    expect(editor.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
  });
});

describe('a map the server does not know while this device has a copy', () => {
  /** What a person would check the map by: its title, partners, step labels and flows. */
  const content = (file: MapFile) => ({
    title: file.title,
    partners: file.partners.map((p) => p.name).sort(),
    steps: file.steps.map((s) => s.label).sort(),
    flows: file.flows.map((f) => f.label ?? '').sort(),
  });

  /** The kept-copy banner is shown and on screen, and the map is still read from the copy. */
  async function expectKeptCopy(page: Page, labels: readonly string[]): Promise<void> {
    const banner = page.getByTestId('kept-copy');
    await banner.waitFor(PATIENCE);
    const text = await banner.innerText();
    expect(text).toContain('De server heeft deze kaart niet (meer).');
    expect(text).toContain('De kopie op dit apparaat blijft bewaard.');
    expect(text).not.toContain('verwijderd');
    expect(await onScreen(page, 'kept-copy')).toBe(true);
    expect(await onScreen(page, 'kept-copy-save')).toBe(true);
    expect(await onScreen(page, 'kept-copy-wipe')).toBe(true);
    // Readable, not editable, and nothing goes to the server.
    expect(await page.getByTestId('editor').getAttribute('data-browse')).toBe('on');
    expect(await page.getByTestId('browse-leave').count()).toBe(0);
    expect(await page.getByTestId('toolbar-share').count()).toBe(0);
    await expect.poll(async () => (await stepLabels(page)).length, PATIENCE).toBeGreaterThan(0);
    for (const label of await stepLabels(page)) expect(labels).toContain(label);
    const connecting = await page.evaluate(() => {
      const w = window as unknown as { __ketenkaart?: { connection: { provider: { shouldConnect: boolean } } } };
      return w.__ketenkaart?.connection.provider.shouldConnect;
    });
    expect(connecting).toBe(false);
  }

  it('[CL-O3] [SV-O23] deleted by the command line during an outage: the copies are kept, and one is saved as a new map with the same content', async () => {
    const gone = await app.createMap({ ...template(), title: 'Weg terwijl weg' });
    const before = content(await app.exportMap(gone.id, gone.viewToken));
    const editor = await newTab({ name: 'Eef' });
    const viewer = await newTab({ name: 'Vic' });
    await openMap(editor.page, app.href(gone.editUrl));
    await openMap(viewer.page, app.href(gone.viewUrl));
    await expect.poll(() => cachedInIndexedDb(editor.page, cacheName(gone.id), 'Weg terwijl weg'), PATIENCE).toBe(true);
    await expect
      .poll(() => cachedInIndexedDb(viewer.page, cacheName(gone.id, 'view'), 'Weg terwijl weg'), PATIENCE)
      .toBe(true);

    // The server goes away; meanwhile the administrator deletes the map in the file. When it is
    // back it does not know the map (4404), which is all a restored backup would say too.
    await app.stop();
    await expect.poll(() => connectionStatus(editor.page), PATIENCE).not.toBe('online');
    await expect.poll(() => connectionStatus(viewer.page), PATIENCE).not.toBe('online');
    const out: string[] = [];
    const deleted = await runCli(
      ['delete', gone.id],
      { DATA_DIR: app.dataDir },
      { line: (t) => out.push(t) },
      { line: (t) => out.push(t) },
    );
    expect(deleted, out.join('\n')).toBe(0);
    await app.start();

    for (const [tab, role] of [
      [editor, 'edit'],
      [viewer, 'view'],
    ] as const) {
      await expectKeptCopy(tab.page, before.steps);
      expect(await tab.page.getByTestId('link-invalid').count()).toBe(0);
      expect(await recentIds(tab.page)).toContain(gone.id);
      expect(await cachedInIndexedDb(tab.page, cacheName(gone.id, role), 'Weg terwijl weg')).toBe(true);
    }

    // "Als nieuwe kaart opslaan": a new map with the same content, opened by its edit link.
    await editor.page.getByTestId('kept-copy-save').click();
    await expect.poll(() => new URL(editor.page.url()).pathname, PATIENCE).not.toContain(gone.id);
    const url = new URL(editor.page.url());
    const id = url.pathname.split('/').pop()!;
    const token = new URLSearchParams(url.hash.slice(1)).get('edit')!;
    expect(id).toMatch(/\S/);
    expect(token).toMatch(/\S/);
    expect(content(await app.exportMap(id, token))).toEqual(before);
    await expect.poll(() => connectionStatus(editor.page), PATIENCE).toBe('online');
    expect(await editor.page.getByTestId('kept-copy').count()).toBe(0);
    // Only then the old copy is gone from this device, and the new map is listed instead.
    await expect.poll(async () => (await databases(editor.page)).includes(cacheName(gone.id)), PATIENCE).toBe(false);
    expect(await recentIds(editor.page)).toContain(id);
    expect(await recentIds(editor.page)).not.toContain(gone.id);

    // The viewer's copy is untouched by that: still kept, still unsent.
    await expectKeptCopy(viewer.page, before.steps);
    expect(await cachedInIndexedDb(viewer.page, cacheName(gone.id, 'view'), 'Weg terwijl weg')).toBe(true);
    expect(editor.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-O3] a device that was closed keeps its copy of a map deleted meanwhile, and wipes it only when asked and confirmed', async () => {
    const gone = await app.createMap({ ...template(), title: 'Weg terwijl dicht' });
    const labels = (await app.exportMap(gone.id, gone.viewToken)).steps.map((s) => s.label);
    const laptop = await newTab({ name: 'Lot' });
    await openMap(laptop.page, app.href(gone.editUrl));
    await expect
      .poll(() => cachedInIndexedDb(laptop.page, cacheName(gone.id), 'Weg terwijl dicht'), PATIENCE)
      .toBe(true);
    // The lid closes; meanwhile someone else deletes the map.
    await laptop.page.close();
    const res = await fetch(`${app.url}/api/maps/${gone.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gone.editToken}` },
    });
    expect(res.status).toBe(200);

    const page = await laptop.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.href('/'));
    const entry = page.getByTestId('recent-map').filter({ hasText: 'Weg terwijl dicht' });
    await entry.waitFor(PATIENCE);
    // CL-O13: the list says the server no longer has it, and still offers it.
    const mark = entry.getByTestId('recent-status');
    await expect.poll(() => mark.count(), PATIENCE).toBe(1);
    expect(await mark.innerText()).toBe('Niet meer op de server');
    await entry.getByRole('link').first().click();
    await expectKeptCopy(page, labels);

    // Asked first: cancelling keeps everything.
    await page.getByTestId('kept-copy-wipe').click();
    const dialog = page.getByTestId('wipe-copy-dialog');
    await dialog.waitFor(PATIENCE);
    expect(await dialog.innerText()).toContain('De kopie op dit apparaat wissen?');
    await page.getByTestId('wipe-copy-cancel').click();
    await dialog.waitFor({ state: 'detached', ...PATIENCE });
    expect(await cachedInIndexedDb(page, cacheName(gone.id), 'Weg terwijl dicht')).toBe(true);
    expect(await recentIds(page)).toContain(gone.id);

    // "Kopie op dit apparaat wissen", confirmed: home, with a message; copy and entry gone.
    await page.getByTestId('kept-copy-wipe').click();
    await page.getByTestId('wipe-copy-confirm').click();
    const notice = page.getByTestId('home-notice');
    await notice.waitFor(PATIENCE);
    expect(await notice.innerText()).toContain('De kopie op dit apparaat is gewist.');
    expect(await onScreen(page, 'home-notice')).toBe(true);
    await expect.poll(async () => (await databases(page)).includes(cacheName(gone.id)), PATIENCE).toBe(false);
    expect(await recentIds(page)).not.toContain(gone.id);
    expect(await page.getByTestId('recent-map').filter({ hasText: 'Weg terwijl dicht' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
