/**
 * Someone exports the loonaangifteketen from the editor: the "Exporteren" dialog shows a preview,
 * and each format downloads a file that holds the whole map (every label as text, the flows in
 * the pixels, the paper size asked for), or only the selected steps; a PNG too large to make is
 * refused before anything is drawn, naming the largest possible. The file does not depend on the
 * zoom or the interface's language.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMapFile, parseMapFile, readMap, type MapFile } from '@ketenkaart/shared';
import { paperSize, renderMap } from '@ketenkaart/shared/render';
import { drawnTexts, flowsMissingInPng, missing, pdfFacts, pngFacts, svgFacts } from '../server/test/export-checks.js';
import { startApp, type App, type CreatedMap } from './support/app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './support/browser.js';
import { fitWholeMap, openMap, PATIENCE } from './support/map-page.js';
import { template } from './support/template.js';

let app: App;
let browser: Browser;
let tab: Tab;
let created: CreatedMap;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  created = await app.createMap(template());
  tab = await openTab(browser, { name: 'Esther', viewport: { width: 1600, height: 1000 } });
  await openMap(tab.page, created.editUrl);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
keepScreenshotsOnFailure(() => [tab]);

/** The drawing the export makes of `file` today (the title block has today's date). */
function drawingOf(file: MapFile, selection?: readonly string[]) {
  const doc = new Y.Doc();
  applyMapFile(doc, parseMapFile(JSON.stringify(file)));
  return renderMap(readMap(doc), { date: new Date(), ...(selection ? { selection } : {}) });
}

async function openDialog(page: Page): Promise<void> {
  // Editors find it in the file menu ("Bestand"); viewers have the button.
  if ((await page.getByTestId('toolbar-file').count()) > 0) {
    await page.getByTestId('toolbar-file').click();
    await page.getByTestId('toolbar-file-export').click();
  } else await page.getByTestId('toolbar-export').click();
  await page.getByTestId('export-dialog').waitFor();
}

/** Clicks Download and reads the file the browser saved. */
async function download(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const path = await file.path();
  await expect.poll(() => page.getByTestId('export-status').getAttribute('data-state'), PATIENCE).toBe('done');
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

describe('the export dialog', () => {
  it('[CL-X1] opens from the top bar with a preview of the poster', async () => {
    const { page } = tab;
    await openDialog(page);
    const preview = page.getByTestId('export-preview-image');
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), PATIENCE)
      .toBeGreaterThan(100);
    const box = await preview.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.getByTestId('export-size').innerText()).toBe('A3 liggend');
  });

  it('[CL-X2] SVG: parses as XML, every lane, step and flow label as text, nothing that runs', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-svg').check();
    const { name, bytes } = await download(page);
    expect(name).toBe('loonaangifteketen.svg');
    const facts = svgFacts(new TextDecoder().decode(bytes));
    expect(facts.unsafe).toEqual([]);
    expect(missing(facts.texts.join('\n'), drawnTexts(drawingOf(template())))).toEqual([]);
  });

  it('[CL-X2] PDF: A0 landscape in points, every label as text, the font embedded', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-pdf').check();
    await page.getByTestId('export-paper').selectOption('A0');
    await page.getByTestId('export-orientation').selectOption('landscape');
    expect(await page.getByTestId('export-size').innerText()).toBe('A0 liggend');
    const { name, bytes } = await download(page);
    expect(name).toBe('loonaangifteketen.pdf');
    const facts = await pdfFacts(bytes);
    const a0 = paperSize('A0', 'landscape');
    expect(facts.pages).toHaveLength(1);
    expect(facts.pages[0]!.width).toBeCloseTo(a0.widthPt, 1);
    expect(facts.pages[0]!.height).toBeCloseTo(a0.heightPt, 1);
    expect(missing(facts.text, drawnTexts(drawingOf(template())))).toEqual([]);
    expect(facts.fontsEmbedded).toBe(true);
  });

  it('[CL-X2, SH-X8] PDF: a step and a flow label cut short on the poster are whole in its text', async () => {
    const stepLabel =
      'Loonaangifte controleren op volledigheid, juistheid en tijdigheid van alle inkomstenverhoudingen';
    const flowLabel = 'Gegevens uit de polisadministratie over alle inkomstenverhoudingen van het afgelopen jaar';
    const file = template();
    const flow = file.flows[0]!;
    file.steps = file.steps.map((s) => (s.id === flow.from ? { ...s, label: stepLabel } : s));
    file.flows = file.flows.map((f) => (f.id === flow.id ? { ...f, label: flowLabel } : f));
    // Both are cut short in the drawing, as on the canvas.
    const cut = drawingOf(file)
      .groups.flatMap((g) => g.items)
      .flatMap((p) => (p.type === 'text' && p.whole ? [p.whole] : []));
    expect(cut).toEqual(expect.arrayContaining([stepLabel, flowLabel]));
    const long = await app.createMap(file);
    const other = await openTab(browser, { name: 'Esther', viewport: { width: 1600, height: 1000 } });
    try {
      await openMap(other.page, long.editUrl);
      await openDialog(other.page);
      await other.page.getByTestId('export-format-pdf').check();
      const facts = await pdfFacts((await download(other.page)).bytes);
      const text = facts.text.replace(/\s+/g, ' ');
      expect(text).toContain(stepLabel);
      expect(text).toContain(flowLabel);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('[CL-X2] PDF tiled over A4 sheets: as many A4 pages as the dialog says', async () => {
    const { page } = tab;
    await page.getByTestId('export-paper').selectOption('A2');
    await page.getByTestId('export-tiles').selectOption('A4');
    const said = await page.getByTestId('export-size').innerText();
    const pages = Number(/^(\d+) vellen A4/.exec(said)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const facts = await pdfFacts((await download(page)).bytes);
    expect(facts.pages).toHaveLength(pages);
    expect(Math.round(Math.min(facts.pages[0]!.width, facts.pages[0]!.height))).toBe(595);
    await page.getByTestId('export-tiles').selectOption('none');
  });

  it('[CL-X2] PNG 2x: the pixel size the dialog names, the flows in its pixels, white or transparent', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-png').check();
    await page.getByTestId('export-png-size').selectOption('scale:2');
    const d = drawingOf(template());
    const [w, h] = [Math.ceil(d.width * 2), Math.ceil(d.height * 2)];
    expect(await page.getByTestId('export-size').innerText()).toBe(`${w} × ${h} pixels`);
    const { name, bytes } = await download(page);
    expect(name).toBe('loonaangifteketen.png');
    const png = pngFacts(bytes);
    expect([png.width, png.height]).toEqual([w, h]);
    expect(flowsMissingInPng(d, png, 2)).toEqual([]);
    expect(png.pixel(2, 2)).toEqual([255, 255, 255, 255]);
    // Transparent: the margin lets the page show through; the map is still all there.
    await page.getByTestId('export-background').selectOption('transparent');
    const clear = pngFacts((await download(page)).bytes);
    expect(clear.pixel(2, 2)[3]).toBe(0);
    expect(flowsMissingInPng(d, clear, 2)).toEqual([]);
    await page.getByTestId('export-background').selectOption('white');
  });

  it('[CL-X2] JSON: the map as JSON v1, as the server exports it', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-json').check();
    const { name, bytes } = await download(page);
    expect(name).toBe('loonaangifteketen.json');
    const file = JSON.parse(new TextDecoder().decode(bytes)) as MapFile;
    expect(file).toEqual(await app.exportMap(created.id, created.editToken));
  });

  it('[CL-X3] the file does not depend on the zoom or the interface language', async () => {
    const { page } = tab;
    await page.getByTestId('export-format-svg').check();
    const first = await download(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    await page.getByRole('toolbar').getByRole('button', { name: 'Inzoomen' }).click();
    await page.getByTestId('language-switch').selectOption('en');
    await openDialog(page);
    await page.getByTestId('export-format-svg').check();
    const second = await download(page);
    expect(new TextDecoder().decode(second.bytes)).toBe(new TextDecoder().decode(first.bytes));
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').selectOption('nl');
  });

  it('[CL-X2] selection only, for every format: only the selected steps, the flows between them and their lanes', async () => {
    const { page } = tab;
    const ids = ['w1', 'w2', 'b1'];
    await fitWholeMap(page);
    for (const [i, id] of ids.entries())
      await page.locator(`.react-flow__node-step[data-id="${id}"]`).click(i === 0 ? {} : { modifiers: ['Shift'] });
    await openDialog(page);
    await page.getByTestId('export-selection').check();
    const part = drawingOf(template(), ids);
    const others = template()
      .steps.filter((s) => !ids.includes(s.id))
      .map((s) => s.label);

    await page.getByTestId('export-format-svg').check();
    const svg = svgFacts(new TextDecoder().decode((await download(page)).bytes));
    expect(missing(svg.texts.join('\n'), drawnTexts(part))).toEqual([]);
    expect(missing(svg.texts.join(' '), others)).toEqual(others);

    await page.getByTestId('export-format-pdf').check();
    const pdf = await pdfFacts((await download(page)).bytes);
    expect(missing(pdf.text, drawnTexts(part))).toEqual([]);
    expect(missing(pdf.text, others)).toEqual(others);

    await page.getByTestId('export-format-png').check();
    await page.getByTestId('export-png-size').selectOption('scale:1');
    const png = pngFacts((await download(page)).bytes);
    expect([png.width, png.height]).toEqual([Math.ceil(part.width), Math.ceil(part.height)]);
    expect(flowsMissingInPng(part, png, 1)).toEqual([]);

    await page.getByTestId('export-format-json').check();
    const json = JSON.parse(new TextDecoder().decode((await download(page)).bytes)) as MapFile;
    expect(json.steps.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(parseMapFile(JSON.stringify(json)).steps).toHaveLength(3);
    await page.keyboard.press('Escape');
  });

  it('[CL-X2, SH-X6] a PNG too large is refused before anything is drawn, with the largest possible', async () => {
    const wide = template();
    wide.steps = wide.steps.map((s, i) => ({ ...s, x: 240 + i * 3000 }));
    const big = await app.createMap(wide);
    const other = await openTab(browser, { name: 'Esther', viewport: { width: 1600, height: 1000 } });
    try {
      await openMap(other.page, big.editUrl);
      await openDialog(other.page);
      await other.page.getByTestId('export-format-png').check();
      await other.page.getByTestId('export-png-size').selectOption('scale:4');
      const alert = other.page.getByTestId('export-too-large');
      await alert.waitFor();
      const text = await alert.innerText();
      const largest = Number(/De grootst mogelijke is ([\d.]+)x/.exec(text)?.[1]);
      expect(largest).toBeGreaterThanOrEqual(1);
      expect(largest).toBeLessThan(4);
      expect(await other.page.getByTestId('export-download').isDisabled()).toBe(true);
      await other.page.keyboard.press('Escape');
      // Nothing was drawn: resvg's WebAssembly was never fetched.
      const wasm = await other.page.evaluate(() =>
        performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
      );
      expect(wasm).toBe(false);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('[CL-X1] the export code is not in the editor until the dialog opens', async () => {
    const fresh = await openTab(browser, { name: 'Esther' });
    try {
      await openMap(fresh.page, created.viewUrl);
      const loaded = () =>
        fresh.page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((n) => /ExportDialog|jspdf|index_bg/.test(n)),
        );
      expect(await loaded()).toEqual([]);
      // A viewer can export too.
      await openDialog(fresh.page);
      await expect.poll(async () => (await loaded()).some((n) => n.includes('ExportDialog')), PATIENCE).toBe(true);
      expect((await loaded()).some((n) => n.includes('jspdf'))).toBe(false);
    } finally {
      await fresh.context.close();
    }
  });
});
