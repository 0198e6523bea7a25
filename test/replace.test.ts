/**
 * Client rules CL-J1-J5: replacing a map's content with a JSON file, from the toolbar or by
 * dropping the file on the editor; asked first, one undo step, seen by the other editor at once;
 * an invalid file lists its problems and changes nothing; a viewer's drop is refused; a file
 * dropped on the home page becomes a new map.
 */
import { applyMapFile, layoutSnapshot, readMap, type MapFile } from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTab } from './support/browser.js';
import { fitWholeMap, openMap, PATIENCE, stepLabels } from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();

const step = (id: string, partner: string, label: string, x?: number) => ({
  id,
  partner,
  label,
  kind: 'activity' as const,
  description: '',
  contact: '',
  ...(x === undefined ? {} : { x, y: 24 }),
});
const flow = (id: string, from: string, to: string, label: string) => ({
  id,
  from,
  to,
  label,
  kind: 'document' as const,
  status: 'ok' as const,
  note: '',
});

/** Another chain: two partners, three steps, two flows; `placed` gives every step a position. */
function otherMap(placed: boolean): MapFile {
  return {
    format: 'ketenkaart',
    version: 1,
    title: 'Toeslagenketen',
    description: '',
    partners: [
      { id: 'burger', name: 'Burger', color: '#1f6feb', description: '' },
      { id: 'toeslagen', name: 'Dienst Toeslagen', color: '#8250df', description: '' },
    ],
    steps: [
      step('t1', 'burger', 'Toeslag aanvragen', placed ? 300 : undefined),
      step('t2', 'toeslagen', 'Aanvraag beoordelen', placed ? 600 : undefined),
      step('t3', 'burger', 'Beschikking ontvangen', placed ? 900 : undefined),
    ],
    flows: [flow('g1', 't1', 't2', 'Aanvraag'), flow('g2', 't2', 't3', 'Beschikking')],
  };
}

/** The stored map, steps and flows by id (export lists them lane by lane). */
async function stored(): Promise<MapFile> {
  const file = await editors.app.exportMap(editors.map.id, editors.map.editToken);
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...file, steps: [...file.steps].sort(byId), flows: [...file.flows].sort(byId) };
}

/** Dispatches a file drop on the element, as a person dragging a file from their desktop does. */
async function dropFile(page: Page, selector: string, name: string, text: string, type: string): Promise<void> {
  await page
    .locator(selector)
    .first()
    .evaluate(
      (el, f) => {
        const data = new DataTransfer();
        data.items.add(new File([f.text], f.name, { type: f.type }));
        const r = el.getBoundingClientRect();
        const at = { clientX: r.x + r.width / 2, clientY: r.y + r.height / 2 };
        for (const kind of ['dragenter', 'dragover', 'drop'])
          el.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true, ...at }));
      },
      { name, text, type },
    );
}

const dialog = (page: Page) => page.getByTestId('replace-dialog');

describe('replacing the content with a JSON file', () => {
  it('[CL-J1] [CL-J3] asks first; an invalid file changes nothing; Bram sees the new content; one Ctrl+Z restores all', async () => {
    const { anna, bram } = editors;
    const before = await stored();
    const labelsBefore = await stepLabels(bram.page);

    await anna.page.getByTestId('toolbar-file').click();
    await anna.page.getByRole('menuitem', { name: 'Inhoud vervangen…' }).click();
    const now = await dialog(anna.page).getByTestId('replace-now').innerText();
    expect(now).toContain(`${before.partners.length} ketenpartners`);
    expect(now).toContain(`${before.steps.length} processtappen`);
    expect(now).toContain(`${before.flows.length} stromen`);

    const invalid = { ...otherMap(true), steps: [{ id: 't1', partner: 'nergens', label: 'x', x: 'links' }] };
    await dialog(anna.page)
      .getByTestId('replace-file')
      .setInputFiles({
        name: 'kaart.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(invalid)),
      });
    await dialog(anna.page).getByTestId('import-problems').waitFor();
    expect((await dialog(anna.page).getByTestId('import-problem').allInnerTexts()).map((l) => l.trim())).toEqual([
      '$.steps[0].x verkeerde soort waarde: hier hoort een getal',
      '$.steps[0].partner er is geen ketenpartner met id "nergens"',
      '$.flows[0].to er is geen processtap met id "t2"',
      '$.flows[1].from er is geen processtap met id "t2"',
      '$.flows[1].to er is geen processtap met id "t3"',
    ]);
    expect(await dialog(anna.page).getByTestId('replace-confirm').isDisabled()).toBe(true);

    const next = otherMap(true);
    await dialog(anna.page)
      .getByTestId('replace-file')
      .setInputFiles({
        name: 'toeslagen.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(next)),
      });
    await expect
      .poll(() => dialog(anna.page).getByTestId('replace-incoming').innerText(), PATIENCE)
      .toBe('In “Toeslagenketen”: 2 ketenpartners, 3 processtappen en 2 stromen.');
    // Nothing is written before the person confirms.
    expect(await stored()).toEqual(before);

    await dialog(anna.page).getByTestId('replace-confirm').click();
    await dialog(anna.page).waitFor({ state: 'detached' });
    await expect.poll(stored, PATIENCE).toEqual(next);
    const labels = next.steps.map((s) => s.label).sort();
    await expect.poll(() => stepLabels(anna.page), PATIENCE).toEqual(labels);
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toEqual(labels);
    expect(await bram.page.getByRole('button', { name: 'Ongedaan maken' }).isDisabled()).toBe(true);

    // One Ctrl+Z (with the focus on the map) puts the whole template back, for both.
    await anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await anna.page.keyboard.press('Control+z');
    await expect.poll(stored, PATIENCE).toEqual(before);
    await fitWholeMap(bram.page);
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toEqual(labelsBefore);
    expect(anna.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });

  it('[CL-J4] [CL-J5] a file dropped on the canvas asks first; one without positions is laid out; a non-JSON drop says so', async () => {
    const { anna, bram } = editors;
    const before = await stored();
    await dropFile(anna.page, '.react-flow__pane', 'foto.png', 'not json', 'image/png');
    expect(await dialog(anna.page).getByTestId('replace-not-json').innerText()).toBe(
      'Dit is geen JSON-bestand: sleep of kies een .json-bestand in het ketenkaart-formaat.',
    );
    expect(await dialog(anna.page).getByTestId('replace-confirm').isDisabled()).toBe(true);
    await dialog(anna.page).getByRole('button', { name: 'Annuleren' }).click();
    expect(await stored()).toEqual(before);

    const unplaced = otherMap(false);
    await dropFile(anna.page, '.react-flow__pane', 'toeslagen.json', JSON.stringify(unplaced), '');
    await expect
      .poll(() => dialog(anna.page).getByTestId('replace-incoming').innerText(), PATIENCE)
      .toContain('de kaart wordt na het vervangen opgemaakt');
    await dialog(anna.page).getByTestId('replace-confirm').click();
    await dialog(anna.page).waitFor({ state: 'detached' });

    // The positions are the lane layout's, as Node's ELK computes it for the same file.
    const scratch = new Y.Doc();
    applyMapFile(scratch, unplaced);
    const { moves } = await layoutSnapshot(readMap(scratch), createNodeElk());
    const want = Object.fromEntries(moves.map((m) => [m.id, [m.x, m.y]]));
    await expect
      .poll(async () => Object.fromEntries((await stored()).steps.map((s) => [s.id, [s.x, s.y]])), PATIENCE)
      .toEqual(want);
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toEqual(unplaced.steps.map((s) => s.label).sort());
    await anna.page.keyboard.press('Control+z');
    await expect.poll(stored, PATIENCE).toEqual(before);
  });

  it('[CL-J4] a viewer who drops a file is told the map is view only; nothing changes', async () => {
    const viewer = await openTab(editors.browser, { name: 'Vera' });
    await openMap(viewer.page, editors.app.href(editors.map.viewUrl));
    const before = await stored();
    await dropFile(viewer.page, '.react-flow__pane', 'toeslagen.json', JSON.stringify(otherMap(true)), '');
    expect(await dialog(viewer.page).getByTestId('replace-refused').innerText()).toBe(
      'Deze kaart is alleen te bekijken: met deze link kan er geen bestand in worden geïmporteerd.',
    );
    expect(await dialog(viewer.page).getByTestId('replace-confirm').count()).toBe(0);
    expect(await stored()).toEqual(before);
    await viewer.context.close();
  });

  it('[CL-J4] a .json file dropped on the home page becomes a new map; a dropped image says so in one sentence', async () => {
    const home = await openTab(editors.browser, { name: 'Hans' });
    await home.page.goto(editors.app.url);
    await dropFile(home.page, '[data-testid="home"]', 'foto.png', 'not json', 'image/png');
    expect(await home.page.getByTestId('import-not-json').innerText()).toBe(
      'Dit is geen JSON-bestand: sleep of kies een .json-bestand in het ketenkaart-formaat.',
    );
    await dropFile(home.page, '[data-testid="home"]', 'toeslagen.json', JSON.stringify(otherMap(true)), '');
    await home.page.getByTestId('editor').waitFor();
    await expect
      .poll(() => stepLabels(home.page), PATIENCE)
      .toEqual(['Aanvraag beoordelen', 'Beschikking ontvangen', 'Toeslag aanvragen']);
    await home.context.close();
  });
});
