/**
 * Names, dialogs and the focus: an editor is asked their name once, a viewer is a guest who may
 * pick a name from the participant list; after every dialog the focus is back where it was (or on
 * the map), never on the page itself; avatars show the letters of a name; the share dialog stays
 * open after the links are replaced and shows the new ones.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { focused, lane, openMap, PATIENCE, step } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
const tabs: Tab[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap(template());
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

/** The avatar of the participant this page is, and what it shows. */
const selfAvatar = (tab: Tab) => tab.page.locator('[data-testid="participant"][data-self="true"] button');

describe('names', () => {
  it('[CL-P7] a viewer is not asked a name: a guest, who can pick one from the participant list', async () => {
    const viewer = await newTab();
    await openMap(viewer.page, app.href(map.viewUrl));
    // The map opens legible at the chain's start (CL-R12): its first steps are drawn.
    await viewer.page.getByTestId('step').first().waitFor();
    expect(await viewer.page.getByTestId('name-dialog').count()).toBe(0);
    expect(await selfAvatar(viewer).getAttribute('aria-label')).toBe('Gast (jij): naam wijzigen');
    expect(await selfAvatar(viewer).innerText()).toBe('G');

    await selfAvatar(viewer).click();
    await viewer.page.getByTestId('name-input').fill('Vera (CBS)');
    await viewer.page.getByTestId('name-save').click();
    await viewer.page.getByTestId('name-dialog').waitFor({ state: 'detached' });
    // [CL-P6] letters, not punctuation; the focus is back on the avatar that opened the dialog.
    await expect.poll(() => selfAvatar(viewer).innerText(), PATIENCE).toBe('VC');
    expect(await viewer.page.evaluate(() => document.activeElement?.closest('[data-self="true"]') !== null)).toBe(true);

    // An editor sees the name.
    const editor = await newTab({ name: 'Eva' });
    await openMap(editor.page, app.href(map.editUrl));
    await expect
      .poll(
        () =>
          editor.page
            .getByTestId('participants')
            .getByRole('button', { name: /Vera \(CBS\)/ })
            .count(),
        PATIENCE,
      )
      .toBe(1);
    await editor.context.close();
    await viewer.context.close();
  });

  it('[CL-P7] [CL-K3] an editor is asked once; after the name dialog the focus is on the map, and the avatar shows “AU”', async () => {
    const editor = await newTab();
    await openMap(editor.page, app.href(map.editUrl));
    const dialog = editor.page.getByTestId('name-dialog');
    await dialog.waitFor();
    await editor.page.getByTestId('name-input').fill('Anna (UWV)');
    await editor.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focused(editor.page), PATIENCE).toBe('canvas');
    expect(await selfAvatar(editor).innerText()).toBe('AU');
    // Shortcuts work straight away, without clicking somewhere first.
    await editor.page.keyboard.press('?');
    await editor.page.getByTestId('shortcuts-dialog').waitFor();
    await editor.page.keyboard.press('Escape');
    await expect.poll(() => focused(editor.page), PATIENCE).toBe('canvas');
    await editor.page.reload();
    await editor.page.getByTestId('editor').waitFor();
    await editor.page.getByTestId('step').first().waitFor();
    expect(await dialog.count()).toBe(0);
    await editor.context.close();
  });
});

describe('the focus after a dialog', () => {
  it('[CL-K3] goes back to what opened it: a step, the share button; or to the map when that is gone', async () => {
    const tab = await newTab({ name: 'Eva' });
    const page = tab.page;
    await openMap(page, app.href(map.editUrl));

    await step(page, 'Gegevens leveren').click();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    await page.getByTestId('shortcuts-dialog').getByRole('button', { name: 'Sluiten' }).click();
    await expect.poll(() => focused(page), PATIENCE).toBe('u2');

    await page.getByTestId('toolbar-share').click();
    await page.getByTestId('share-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page), PATIENCE).toBe('toolbar-share');

    // The remove button goes with its lane: the focus goes to the map.
    await lane(page, 'Afnemers').getByTestId('lane-remove').click();
    await page.getByTestId('remove-confirm').click();
    await expect.poll(() => lane(page, 'Afnemers').count(), PATIENCE).toBe(0);
    await expect.poll(() => focused(page), PATIENCE).toBe('canvas');
    // (Undo brings the lane back for the next tests.)
    await page.keyboard.press('Control+z');
    await expect.poll(() => lane(page, 'Afnemers').count(), PATIENCE).toBe(1);
    await tab.context.close();
  });
});

describe('sharing', () => {
  it('[CL-H1] after replacing the links, the share dialog stays open and shows the new ones', async () => {
    const own = await app.createMap(template());
    const tab = await newTab({ name: 'Eva' });
    const page = tab.page;
    await openMap(page, app.href(own.editUrl));
    await page.getByTestId('toolbar-share').click();
    const editField = page.getByTestId('share-edit-url');
    const viewField = page.getByTestId('share-view-url');
    await expect.poll(() => viewField.count(), PATIENCE).toBe(1);
    const oldEdit = await editField.inputValue();
    const oldView = await viewField.inputValue();
    expect(oldEdit).toBe(app.href(own.editUrl));
    expect(oldView).toBe(app.href(own.viewUrl));

    await page.getByTestId('share-rotate').click();
    await page.getByTestId('share-rotate-confirm').click();
    await page.getByTestId('share-rotated').waitFor();
    await expect.poll(() => editField.inputValue(), PATIENCE).not.toBe(oldEdit);
    await expect.poll(() => viewField.inputValue(), PATIENCE).not.toBe(oldView);
    const newEdit = await editField.inputValue();
    const newView = await viewField.inputValue();
    expect(page.url()).toBe(newEdit);
    expect(await page.getByTestId('share-dialog').isVisible()).toBe(true);

    // The new links work and the old ones do not.
    const access = async (link: string) => {
      const url = new URL(link);
      const token = url.hash.split('=')[1] ?? '';
      return (await fetch(`${app.url}/api/maps/${own.id}/access?token=${encodeURIComponent(token)}`)).status;
    };
    expect(await access(newEdit)).toBe(200);
    expect(await access(newView)).toBe(200);
    expect(await access(oldEdit)).toBe(401);
    expect(await access(oldView)).toBe(401);

    // Closed and opened again, the dialog shows the same new links without the notice.
    await page.keyboard.press('Escape');
    await page.getByTestId('toolbar-share').click();
    expect(await page.getByTestId('share-edit-url').inputValue()).toBe(newEdit);
    expect(await page.getByTestId('share-rotated').count()).toBe(0);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
