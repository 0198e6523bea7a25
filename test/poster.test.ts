/**
 * The "U bent hier" poster (client rules CL-B9, CL-B10): an employee on the view link finds their
 * step, presses "Poster 'U bent hier'" and downloads the map with that step marked, as an A3 PDF
 * and as a PNG of the size asked for; the mark can be switched off, its words stay Dutch in an
 * English interface, and the ordinary export has no mark.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMapFile, parseMapFile, readMap } from '@ketenkaart/shared';
import { paperSize, pngSize, renderMap, WORDS } from '@ketenkaart/shared/render';
import { missing, pdfFacts, pngFacts } from '../server/test/export-checks.js';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { openMap, PATIENCE } from './support/map-page.js';
import { template } from './support/template.js';

const STEP = 'Polisadministratie bijwerken';
const MARK = 'U bent hier';

let app: App;
let browser: Browser;
let created: CreatedMap;
let tab: Tab;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  created = await app.createMap(template());
  tab = await openTab(browser, { viewport: { width: 1600, height: 1000 } });
  await openMap(tab.page, app.href(created.viewUrl));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
keepScreenshotsOnFailure(() => [tab]);

/** Clicks Download and reads the file the browser saved. */
async function download(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = await file.path();
  await expect.poll(() => page.getByTestId('export-status').getAttribute('data-state'), PATIENCE).toBe('done');
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/**
 * How many pixels of the preview, as drawn, have the mark's yellow halo (#ffd33d, a colour the map
 * itself never uses): what a person sees of the mark in the preview.
 */
async function haloPixels(page: Page): Promise<number> {
  const img = page.getByTestId('export-preview-image');
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), PATIENCE)
    .toBeGreaterThan(100);
  return img.evaluate((el: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = (v: number, want: number): boolean => Math.abs(v - want) <= 16;
      if (near(data[i]!, 0xff) && near(data[i + 1]!, 0xd3) && near(data[i + 2]!, 0x3d)) n++;
    }
    return n;
  });
}

/** Searches the view link for a step and focuses it with Enter, as a person does. */
async function focusStep(page: Page, query: string, label: string): Promise<void> {
  await page.getByTestId('search').fill(query);
  await expect
    .poll(async () => (await page.getByTestId('search-result').allInnerTexts())[0], PATIENCE)
    .toMatch(new RegExp(`^${label}`));
  await page.getByTestId('search').press('Enter');
  await expect.poll(() => page.getByTestId('browse-panel-title').innerText(), PATIENCE).toBe(label);
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
}

describe('the "U bent hier" poster on the view link', () => {
  it('[CL-B9] a focused step offers the poster; the dialog opens as an A3 landscape PDF with the mark on', async () => {
    const { page } = tab;
    expect(await page.getByTestId('browse-poster').count()).toBe(0);
    await focusStep(page, 'Polisadm', STEP);
    await page.getByTestId('browse-poster').click();
    await page.getByTestId('export-dialog').waitFor();
    expect(await page.getByTestId('export-format-pdf').isChecked()).toBe(true);
    expect(await page.getByTestId('export-size').innerText()).toContain('A3 liggend');
    expect(await page.getByTestId('export-highlight').isChecked()).toBe(true);
    expect(await page.getByTestId('export-highlight-note').innerText()).toBe(`Met de markering '${MARK}' bij ${STEP}`);
    // The preview is the marked poster: the mark's halo is in the image it shows.
    await expect.poll(() => haloPixels(page), PATIENCE).toBeGreaterThan(200);
    expect(tab.errors).toEqual([]);
  });

  it('[CL-B10] the PDF holds the mark and the step, on A3 landscape', async () => {
    const { page } = tab;
    const { name, bytes } = await download(page);
    expect(name).toBe('loonaangifteketen.pdf');
    const pdf = await pdfFacts(bytes);
    const a3 = paperSize('A3', 'landscape');
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.width).toBeCloseTo((a3.widthMm / 25.4) * 72, 0);
    expect(pdf.pages[0]!.height).toBeCloseTo((a3.heightMm / 25.4) * 72, 0);
    expect(missing(pdf.text, [MARK, STEP])).toEqual([]);
  });

  it('[CL-B9] PNG: the pixel size asked for, with the mark drawn beside the step', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-png').check();
    await page.getByTestId('export-png-size').selectOption('scale:1');
    // What the dialog draws: the map with the mark (today's date in the title block).
    const doc = new Y.Doc();
    applyMapFile(doc, parseMapFile(JSON.stringify(template())));
    const drawing = renderMap(readMap(doc), { date: new Date(), highlight: { stepId: 'u1', label: WORDS.youAreHere } });
    const size = pngSize(drawing, { scale: 1 });
    expect(size.ok).toBe(true);
    expect(await page.getByTestId('export-size').innerText()).toContain(`${size.width} × ${size.height} pixels`);
    const png = pngFacts((await download(page)).bytes);
    expect([png.width, png.height]).toEqual([size.width, size.height]);
    // The mark's tag (dark, the highlight colour #24292f) is in the pixels, where the drawing puts it.
    const tag = drawing.groups.find((g) => g.role === 'highlight')!.items[2]!;
    expect(tag.type).toBe('path');
    const corner = tag.type === 'path' ? tag.d.find((s) => s.op === 'M') : undefined;
    expect(corner && corner.op === 'M').toBe(true);
    if (corner?.op !== 'M') return;
    // A point just inside the rounded tag's top edge, past its corner radius.
    expect(png.pixel(corner.x + 4, corner.y + 4).slice(0, 3)).toEqual([0x24, 0x29, 0x2f]);

    // At 150 dpi the PNG is A3 at that density.
    await page.getByTestId('export-png-size').selectOption('dpi:150');
    const a3 = pngSize(drawing, { paper: 'A3', orientation: 'landscape', dpi: 150 });
    const big = pngFacts((await download(page)).bytes);
    expect([big.width, big.height]).toEqual([a3.width, a3.height]);
  });

  it('[CL-B9] the mark can be switched off: preview and file without it', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-pdf').check();
    await page.getByTestId('export-highlight').uncheck();
    expect(await page.getByTestId('export-highlight-note').count()).toBe(0);
    await expect.poll(() => haloPixels(page), PATIENCE).toBe(0);
    const pdf = await pdfFacts((await download(page)).bytes);
    expect(missing(pdf.text, [STEP])).toEqual([]);
    expect(missing(pdf.text, [MARK])).toEqual([MARK]);
    await closeDialog(page);
    // "Exporteren" opens the ordinary export: no mark on offer.
    await page.getByTestId('toolbar-export').click();
    await page.getByTestId('export-dialog').waitFor();
    expect(await page.getByTestId('export-highlight').count()).toBe(0);
    expect(await haloPixels(page)).toBe(0);
    await closeDialog(page);
  });

  it('[CL-B10] in an English interface the mark is still "U bent hier"; a partner gets it too', async () => {
    const { page } = tab;
    await page.getByTestId('language-switch').selectOption('en');
    try {
      await focusStep(page, 'CBS', 'CBS');
      await page.getByTestId('browse-poster').click();
      await page.getByTestId('export-dialog').waitFor();
      expect(await page.getByTestId('export-highlight-note').innerText()).toBe(
        `With the mark “${MARK}” (you are here) at CBS`,
      );
      const pdf = await pdfFacts((await download(page)).bytes);
      expect(missing(pdf.text, [MARK, 'CBS'])).toEqual([]);
      expect(pdf.text).not.toContain('You are here');
      await closeDialog(page);
    } finally {
      await page.getByTestId('language-switch').selectOption('nl');
    }
    expect(tab.errors).toEqual([]);
  });
});
