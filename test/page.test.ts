/**
 * The page around the map: import problems said in the UI's language, one line each with its
 * JSON path; a favicon instead of a 404; the title shown whole when there is room; printing
 * prints the map alone, all of it, fitted to a landscape page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { flowEnds, onBox, openMap, PATIENCE, viewport, waitForStillView } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let tab: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tab = await openTab(browser, { name: 'Eva', viewport: { width: 1600, height: 1000 } });
});

keepScreenshotsOnFailure(() => [tab]);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Chooses a file in the home page's import field. */
async function importFile(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
}

/** The listed import problems, one line each. */
async function problemLines(page: Page): Promise<string[]> {
  await page.getByTestId('import-problems').waitFor();
  return (await page.getByTestId('import-problem').allInnerTexts()).map((l) => l.trim());
}

describe('importing a file that is not a valid map', () => {
  const invalid = {
    ...template(),
    steps: [
      { id: 'w1', partner: 'uwv-oud', label: 'Salarisadministratie bijwerken', x: 200, y: 30 },
      { id: 'w2', partner: 'werkgever', x: 'links' },
    ],
    flows: [{ id: 'f1', from: 'w1', to: 'w9' }],
  };

  it('[CL-I3] lists every problem in Dutch, one line each with its JSON path; nothing is created', async () => {
    const page = tab.page;
    await page.goto(app.url);
    await importFile(page, 'kaart.json', JSON.stringify(invalid));
    expect(await problemLines(page)).toEqual([
      '$.steps[1].label ontbreekt, maar is verplicht',
      '$.steps[1].x verkeerde soort waarde: hier hoort een getal',
      '$.steps[0].partner er is geen ketenpartner met id "uwv-oud"',
      '$.flows[0].to er is geen processtap met id "w9"',
    ]);
    expect(await page.getByTestId('import-problems').innerText()).toContain('Het bestand is niet geldig (4 problemen)');
    expect(page.url()).toBe(`${app.url}/`);
  });

  it('[CL-I3] says it in English when the UI is English', async () => {
    const page = tab.page;
    await page.getByTestId('language-switch').selectOption('en');
    await importFile(page, 'kaart.json', JSON.stringify(invalid));
    expect((await problemLines(page))[0]).toBe('$.steps[1].label is missing, but required');
    await page.getByTestId('language-switch').selectOption('nl');
  });

  it('[CL-I3] a file that is not JSON gets one clear sentence, without its bytes', async () => {
    const page = tab.page;
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe,
    ]);
    await importFile(page, 'foto.png', png);
    expect(await problemLines(page)).toEqual([
      'Dit is geen JSON-bestand. Kies een .json-bestand in het ketenkaart-formaat.',
    ]);
    expect(await page.getByTestId('import-problems').innerText()).not.toMatch(/\uFFFD|PNG|Unexpected/);
  });
});

describe('the page', () => {
  let map: CreatedMap;
  beforeAll(async () => {
    map = await app.createMap({
      ...template(),
      title: 'Loonaangifteketen 2025: werkversie voor de workshop in Utrecht',
    });
  });

  it('[SV-H8] has a favicon: no request of the page is answered 404', async () => {
    const page = tab.page;
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await openMap(page, app.href(map.editUrl));
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('/favicon.svg');
    const served = await fetch(app.href(icon!));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(app.href('/favicon.ico'))).status).toBe(200);
    expect(missing).toEqual([]);
  });

  it('[CL-M4] shows a long title whole when the top bar has room for it', async () => {
    const title = tab.page.getByTestId('map-title');
    expect(await title.inputValue()).toBe('Loonaangifteketen 2025: werkversie voor de workshop in Utrecht');
    const { scroll, client } = await title.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  });

  it('[CL-M3] prints the map alone, every step, fitted to the page; the view comes back afterwards', async () => {
    const page = tab.page;
    // Zoomed in on the map's first step, most of the map is off screen.
    await page.getByTestId('step').first().waitFor();
    await waitForStillView(page);
    await page.getByTestId('step').first().click();
    for (let i = 0; i < 4; i++) await page.getByTestId('toolbar-zoom-in').click();
    await expect.poll(() => page.getByTestId('step').count(), PATIENCE).toBeLessThan(10);
    // The zoom animations have ended: the view stands still.
    let last = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await viewport(page));
        const still = now === last;
        last = now;
        return still;
      }, PATIENCE)
      .toBe(true);
    const before = await viewport(page);

    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    for (const chrome of ['topbar', 'toolbar', 'side-panel', 'minimap']) {
      expect(await page.getByTestId(chrome).isVisible(), chrome).toBe(false);
    }
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(canvas.width).toBe(960);
    expect(canvas.height).toBe(680);
    await expect.poll(() => page.getByTestId('step').count(), PATIENCE).toBe(10);
    for (const s of await page.getByTestId('step').all()) {
      const b = (await s.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(canvas.x);
      expect(b.y).toBeGreaterThanOrEqual(canvas.y);
      expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    }

    // Every flow is drawn from its step to its step.
    const stepBox = async (id: string) =>
      (await page.locator(`[data-testid="step"][data-step-id="${id}"]`).boundingBox())!;
    for (const f of template().flows) {
      const ends = await flowEnds(page, f.id);
      expect(ends, f.id).not.toBeNull();
      expect(onBox(ends!.start, await stepBox(f.from)), `${f.id} starts on ${f.from}`).toBe(true);
      expect(onBox(ends!.end, await stepBox(f.to)), `${f.id} ends on ${f.to}`).toBe(true);
    }

    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => viewport(page), PATIENCE).toEqual(before);
    expect(tab.errors).toEqual([]);
  });

  it('[CL-K5] each press of zoom in and out counts, also presses faster than the zoom animates', async () => {
    const page = tab.page;
    const start = await waitForStillView(page);
    // Three presses in one task: none of their animations has begun when the next comes, as on
    // a busy page.
    const press = (id: string) =>
      page.evaluate((testId) => {
        const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!;
        for (let i = 0; i < 3; i++) button.click();
      }, id);
    await press('toolbar-zoom-in');
    const zoomed = Math.min(2.5, start.zoom * 1.2 ** 3);
    await expect.poll(async () => (await viewport(page)).zoom, PATIENCE).toBeCloseTo(zoomed, 3);
    await press('toolbar-zoom-out');
    await expect.poll(async () => (await viewport(page)).zoom, PATIENCE).toBeCloseTo(zoomed / 1.2 ** 3, 3);
    expect(tab.errors).toEqual([]);
  });
});
