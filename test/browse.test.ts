/**
 * Browse mode on the view link (client rules CL-B1 to CL-B8): an employee searches for their
 * step, lights up its chain, reads the panel, sends the address to a colleague, reads the chain
 * as text, on a laptop and on a phone, while an editor changes the map.
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { drag, centre, mapPosition, openMap, PATIENCE, step, typeInPlace, viewport } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let map: CreatedMap;
let editor: Tab;
let viewer: Tab;
const tabs: Tab[] = [];

/** The template with what employees look for: a description, contacts, a document on two flows. */
function browseMap(): MapFile {
  const file = template();
  const extra: Record<string, { description?: string; contact?: string }> = {
    u1: { description: 'Houdt lonen en uitkeringen per inkomstenverhouding bij.', contact: 'Team Polis' },
    b1: { contact: 'Servicedesk Loonaangifte' },
    w2: { contact: 'Salarisafdeling' },
    c1: { contact: 'Afdeling Statistiek' },
  };
  file.steps = file.steps.map((s) => ({ ...s, ...extra[s.id] }));
  file.flows = [...file.flows, { id: 'f2b', from: 'b1', to: 'b3', label: ' LOONAANGIFTE', kind: 'document' }];
  return file;
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  map = await app.createMap(browseMap());
  editor = await openTab(browser, { name: 'Eva' });
  viewer = await openTab(browser, { viewport: { width: 1400, height: 900 } });
  tabs.push(editor, viewer);
  await openMap(editor.page, app.href(map.editUrl));
  await openMap(viewer.page, app.href(map.viewUrl));
});

keepScreenshotsOnFailure(() => tabs);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Every step and flow drawn, and whether a person sees it lit (opacity 1) or dimmed. */
async function litState(
  page: Page,
): Promise<{ steps: Record<string, 'lit' | 'dim'>; flows: Record<string, 'lit' | 'dim'> }> {
  return page.evaluate(() => {
    const state = (el: Element): 'lit' | 'dim' => (Number(getComputedStyle(el).opacity) > 0.9 ? 'lit' : 'dim');
    const steps: Record<string, 'lit' | 'dim'> = {};
    const flows: Record<string, 'lit' | 'dim'> = {};
    for (const el of document.querySelectorAll('.react-flow__node-step'))
      steps[el.getAttribute('data-id') ?? ''] = state(el);
    for (const el of document.querySelectorAll('.react-flow__edge[data-id]'))
      flows[el.getAttribute('data-id') ?? ''] = state(el);
    return { steps, flows };
  });
}

const ALL_STEPS = ['w1', 'w2', 'b1', 'b2', 'b3', 'u1', 'u2', 'c1', 'c2', 'a1'];
const ALL_FLOWS = ['f1', 'f2', 'f2b', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10'];

/** `{ id: 'lit' | 'dim' }` for every id, lit when in `lit`. */
function expected(ids: readonly string[], lit: readonly string[]): Record<string, 'lit' | 'dim'> {
  return Object.fromEntries(ids.map((id) => [id, lit.includes(id) ? 'lit' : 'dim']));
}

/** Texts of the items under a test id. */
const texts = (page: Page, testId: string): Promise<string[]> =>
  page
    .getByTestId(testId)
    .allInnerTexts()
    .then((list) => list.map((s) => s.replace(/\s+/g, ' ').trim()));

/** Step labels at least this big on screen, for the steps of `ids` in view. */
async function labelPx(page: Page, id: string): Promise<number> {
  const zoom = (await viewport(page)).zoom;
  const size = await page
    .locator(`.react-flow__node[data-id="${id}"] [data-testid="step-label"]`)
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  return size * zoom;
}

/** Whether the node lies wholly inside the canvas on screen. */
async function inView(page: Page, id: string): Promise<boolean> {
  const canvas = await page.getByTestId('canvas').boundingBox();
  const node = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!canvas || !node) return false;
  return (
    node.x >= canvas.x &&
    node.y >= canvas.y &&
    node.x + node.width <= canvas.x + canvas.width &&
    node.y + node.height <= canvas.y + canvas.height
  );
}

describe('browse mode on the view link', () => {
  it('[CL-B2] the search finds a step by a word of its description and by a misspelt label, by keyboard', async () => {
    const page = viewer.page;
    expect(await page.getByTestId('editor').getAttribute('data-browse')).toBe('on');
    const search = page.getByTestId('search');
    await search.fill('uitkeringen');
    await expect
      .poll(() => texts(page, 'search-result'), PATIENCE)
      .toContainEqual(expect.stringMatching(/^Polisadministratie bijwerken Stap · UWV$/));
    await search.fill('Polisadminstratie');
    await expect
      .poll(async () => (await texts(page, 'search-result'))[0], PATIENCE)
      .toBe('Polisadministratie bijwerken Stap · UWV');
    // A document shows from where to where.
    await search.fill('herstelverz');
    await expect
      .poll(async () => (await texts(page, 'search-result'))[0], PATIENCE)
      .toBe('Herstelverzoek Document · Belastingdienst → Werkgever');
    // Arrows choose, Escape closes the list and keeps the query.
    await search.fill('loonaangifte');
    await expect.poll(() => page.getByTestId('search-result').count(), PATIENCE).toBeGreaterThan(2);
    await search.press('ArrowDown');
    await expect
      .poll(() => page.locator('[data-testid="search-result"][aria-selected="true"]').getAttribute('id'))
      .toBe('kk-hit-1');
    await search.press('Escape');
    await expect.poll(() => page.getByTestId('search-results').count()).toBe(0);
    expect(await search.inputValue()).toBe('loonaangifte');
    // Enter focuses the chosen step.
    await search.fill('aangifte contr');
    await expect
      .poll(async () => (await texts(page, 'search-result'))[0], PATIENCE)
      .toMatch(/^Aangifte controleren Stap/);
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('Aangifte controleren');
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-B3] [CL-B4] a focused step lights exactly its chain; the panel lists neighbours, documents, koppelvlakken and contacts', async () => {
    const page = viewer.page;
    await page.getByTestId('browse-depth-1').click();
    await page.keyboard.press('f');
    await expect.poll(() => page.locator('.react-flow__node-step').count(), PATIENCE).toBe(10);
    const lit = {
      steps: expected(ALL_STEPS, ['b2', 'b1', 'w2', 'u1', 'b3']),
      flows: expected(ALL_FLOWS, ['f3', 'f4', 'f5', 'f6']),
    };
    await expect.poll(() => litState(page), PATIENCE).toEqual(lit);

    expect(await texts(page, 'browse-before-direct')).toEqual(['Loonaangifte ontvangen · Belastingdienst']);
    expect((await texts(page, 'browse-after-direct'))[0]?.split(/(?<=Belastingdienst|Werkgever|UWV) /)).toEqual([
      'Loonaangifte opstellen · Werkgever',
      'Polisadministratie bijwerken · UWV',
      'Loonheffing innen · Belastingdienst',
    ]);
    expect(await page.getByTestId('browse-before-further').count()).toBe(0);
    expect(await page.getByTestId('browse-received-item').count()).toBe(0);
    expect(await texts(page, 'browse-sent-item')).toEqual([
      'Herstelverzoek naar Loonaangifte opstellen · Werkgever',
      'Gegevens inkomstenverhouding naar Polisadministratie bijwerken · UWV',
    ]);
    const kv = await texts(page, 'browse-koppelvlak');
    expect(kv).toHaveLength(2);
    expect(kv[1]).toContain('Aandacht nodig');
    expect(kv[1]).toContain('Hier ontstaan in workshops de meeste vragen.');
    expect(await texts(page, 'browse-contact-group')).toEqual([
      'Werkgever Salarisafdeling — Loonaangifte opstellen · Werkgever',
      'Belastingdienst Servicedesk Loonaangifte — Loonaangifte ontvangen · Belastingdienst',
      'UWV Team Polis — Polisadministratie bijwerken · UWV',
    ]);

    // Two steps further: the panel names how far, and more is lit.
    await page.getByTestId('browse-depth-2').click();
    await expect.poll(async () => (await litState(page)).steps['u2'], PATIENCE).toBe('lit');
    expect(await texts(page, 'browse-after-further')).toEqual([
      expect.stringContaining('Gegevens leveren · UWV 2 stappen verder'),
    ]);
    expect(page.url()).toContain('step=b2&depth=2');
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-B3] following a document lights every flow that carries it; a lane shows its koppelvlakken', async () => {
    const page = viewer.page;
    await page.locator('[data-testid="flow-label"][data-flow-id="f2"]').click();
    await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('Loonaangifte');
    await expect.poll(async () => (await litState(page)).flows, PATIENCE).toEqual(expected(ALL_FLOWS, ['f2', 'f2b']));
    expect(await page.getByTestId('browse-trail-flow').count()).toBe(2);
    expect(page.url()).toContain('flow=f2');

    await page.locator('.react-flow__node-lane', { hasText: 'UWV' }).getByTestId('lane-name').click();
    await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('UWV');
    expect(await page.getByTestId('browse-incoming').allInnerTexts()).toEqual([
      expect.stringContaining('Gegevens inkomstenverhouding'),
    ]);
    expect(await page.getByTestId('browse-outgoing').count()).toBe(2);
    expect(await texts(page, 'browse-depends-on')).toEqual(['Belastingdienst Werkgever (via anderen)']);
    await expect
      .poll(async () => (await litState(page)).flows, PATIENCE)
      .toEqual(expected(ALL_FLOWS, ['f5', 'f7', 'f8', 'f9']));
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-B5] a deep link opened in a fresh page shows the same focus, in view and legible', async () => {
    const link = new URL(map.viewUrl, app.url);
    link.hash = `${link.hash}&step=b2&depth=1`;
    const fresh = await openTab(browser, { viewport: { width: 1400, height: 900 } });
    tabs.push(fresh);
    await openMap(fresh.page, link.href);
    const page = fresh.page;
    await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('Aangifte controleren');
    expect(await page.getByTestId('browse-depth-1').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => inView(page, 'b2'), PATIENCE).toBe(true);
    expect(await labelPx(page, 'b2')).toBeGreaterThanOrEqual(11);
    // Centred: the step's middle is near the canvas's middle, or the lit part is.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const node = (await page.locator('.react-flow__node[data-id="b2"]').boundingBox())!;
    expect(Math.abs(node.x + node.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(canvas.width / 3);
    await page.keyboard.press('f');
    await expect
      .poll(() => litState(page), PATIENCE)
      .toEqual({
        steps: expected(ALL_STEPS, ['b2', 'b1', 'w2', 'u1', 'b3']),
        flows: expected(ALL_FLOWS, ['f3', 'f4', 'f5', 'f6']),
      });
    expect(page.url()).toMatch(/#view=[^&]+&step=b2&depth=1$/);
    expect(fresh.errors).toEqual([]);
  });

  it('[CL-B6] the text view lists every step per partner, in chain order, with the same focus', async () => {
    const page = viewer.page;
    await page.getByTestId('search').fill('aangifte controleren');
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('browse-show-text').click();
    const text = page.getByTestId('browse-text');
    await expect
      .poll(() => text.locator('h3').allInnerTexts(), PATIENCE)
      .toEqual(['Werkgever', 'Belastingdienst', 'UWV', 'CBS', 'Afnemers']);
    const ids = await text
      .getByTestId('text-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')));
    expect([...ids].sort()).toEqual([...ALL_STEPS].sort());
    // Chain order inside a lane: b1 before b2 before b3.
    expect(ids.indexOf('b1')).toBeLessThan(ids.indexOf('b2'));
    expect(ids.indexOf('b2')).toBeLessThan(ids.indexOf('b3'));
    expect(await text.locator('[data-step-id="b2"]').getAttribute('aria-current')).toBe('true');
    expect(await text.locator('[data-step-id="u1"]').getAttribute('data-lit')).toBe('on');
    expect(await text.locator('[data-step-id="c2"]').getAttribute('data-lit')).toBe('off');
    expect(await text.locator('[data-step-id="b2"]').innerText()).toContain(
      'Uit:\nGegevens inkomstenverhouding naar Polisadministratie bijwerken (UWV)',
    );
    // Semantic: a list of steps under a heading per partner.
    expect(await text.locator('section ol > li[data-testid="text-step"]').count()).toBe(10);
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-B8] a live remote edit keeps the focus, the search and the scroll; a deleted focus says so', async () => {
    const page = viewer.page;
    // Text view, scrolled, with a query typed.
    const text = page.getByTestId('browse-text');
    await page.setViewportSize({ width: 1400, height: 420 });
    await text.evaluate((el) => el.scrollTo(0, 300));
    const scrolled = await text.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(100);
    await page.getByTestId('search').fill('loonheffing');
    await expect
      .poll(() => texts(page, 'search-result'), PATIENCE)
      .toContainEqual(expect.stringContaining('Loonheffing innen'));

    await step(editor.page, 'Loonheffing innen').dblclick();
    await typeInPlace(editor.page, 'Loonheffing innen en afdragen');
    await expect
      .poll(() => text.locator('[data-step-id="b3"] h4').innerText(), PATIENCE)
      .toContain('Loonheffing innen en afdragen');
    await expect
      .poll(() => texts(page, 'search-result'), PATIENCE)
      .toContainEqual(expect.stringContaining('Loonheffing innen en afdragen'));
    expect(await page.getByTestId('search').inputValue()).toBe('loonheffing');
    expect(await page.getByTestId('browse-panel-title').innerText()).toBe('Aangifte controleren');
    expect(await text.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await expect
      .poll(() => page.getByTestId('browse-after-direct').innerText())
      .toContain('Loonheffing innen en afdragen');

    // The editor deletes the focused step.
    await step(editor.page, 'Aangifte controleren').click();
    await editor.page.keyboard.press('Delete');
    await expect
      .poll(() => page.getByTestId('browse-gone').innerText(), PATIENCE)
      .toContain('De stap die u bekeek is verwijderd.');
    expect(await text.getAttribute('data-focus')).toBeNull();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('browse-show-map').click();
    await expect.poll(() => page.getByTestId('browse-highlight').textContent()).toBe('');
    // Undo brings it back, and the focus with it.
    await editor.page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('Aangifte controleren');
    expect(viewer.errors).toEqual([]);
  });

  it('[CL-B1] the viewer cannot edit while browsing; an editor switches to browse mode and back with one click', async () => {
    const page = viewer.page;
    await page.keyboard.press('f');
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await page.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await page.locator('.react-flow__handle.connectable').count()).toBe(0);
    // No field to edit: the map, the panel and the title offer none (the language switch is a select).
    expect(await page.locator('.kk-main').locator('input, textarea, select').count()).toBe(0);
    expect(await page.getByTestId('map-title').evaluate((el) => el.tagName)).not.toBe('INPUT');
    const first = step(page, 'Loonaangifte opstellen');
    const before = await mapPosition(first);
    const from = await centre(first);
    await drag(page, from, { x: from.x + 150, y: from.y + 100 });
    expect(await mapPosition(first)).toBe(before);
    await first.dblclick();
    expect(await page.getByTestId('inline-edit').count()).toBe(0);
    await page.keyboard.press('Delete');
    await page.keyboard.press('n');
    expect((await app.exportMap(map.id, map.viewToken)).steps).toHaveLength(10);

    const ed = editor.page;
    await ed.getByTestId('browse-enter').click();
    await expect.poll(() => ed.getByTestId('editor').getAttribute('data-browse')).toBe('on');
    expect(await ed.getByRole('toolbar').count()).toBe(0);
    expect(await ed.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await ed.getByTestId('map-title').evaluate((el) => el.tagName)).not.toBe('INPUT');
    await ed.keyboard.press('f');
    await step(ed, 'Publicatie').click();
    await expect.poll(() => ed.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe('Publicatie');
    expect(ed.url()).toContain('browse=1&step=c2');
    await ed.keyboard.press('Delete');
    expect((await app.exportMap(map.id, map.editToken)).steps).toHaveLength(10);
    await ed.getByTestId('browse-leave').click();
    await expect.poll(() => ed.getByRole('toolbar').count()).toBe(1);
    expect(await ed.locator('.react-flow__node.draggable').count()).toBeGreaterThan(0);
    expect(ed.url()).not.toContain('browse');
    expect(editor.errors).toEqual([]);
  });
});

describe('browse mode on a phone', () => {
  it('[CL-B7] the view link opens the text view on a 390 px phone: readable, nothing wider than the screen', async () => {
    const phone = await openTab(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    tabs.push(phone);
    const link = new URL(map.viewUrl, app.url);
    link.hash = `${link.hash}&step=u2`;
    await openMap(phone.page, link.href);
    const page = phone.page;
    const text = page.getByTestId('browse-text');
    await expect.poll(() => text.getByTestId('text-step').count(), PATIENCE).toBe(10);
    const sizes = await text
      .locator('h4 .kk-link, .kk-browse-flows .kk-link')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The focused step is on screen, and the closed sheet names it.
    const focusedBox = (await text.locator('[data-step-id="u2"]').boundingBox())!;
    expect(focusedBox.y).toBeGreaterThanOrEqual(0);
    expect(focusedBox.y + 20).toBeLessThanOrEqual(844);
    expect(await page.getByTestId('sheet-handle').innerText()).toContain('Gegevens leveren');
    expect((await page.getByTestId('browse-panel').boundingBox())!.height).toBeLessThanOrEqual(56);
    await page.getByTestId('sheet-handle').tap();
    expect((await page.getByTestId('browse-panel').boundingBox())!.height).toBeLessThanOrEqual(844 / 2 + 1);
    await expect.poll(() => page.getByTestId('browse-after-direct').innerText()).toContain('Statistiek samenstellen');
    // The map is one press away, legible.
    await page.getByTestId('sheet-handle').tap();
    await page.getByTestId('browse-show-map').tap();
    await expect.poll(() => inView(page, 'u2'), PATIENCE).toBe(true);
    expect(await labelPx(page, 'u2')).toBeGreaterThanOrEqual(11);
    expect(phone.errors).toEqual([]);
  });
});
