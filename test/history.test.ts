/**
 * Client rules CL-V1-CL-V7, server rules SV-V5-SV-V7: Anna saves a version after a workshop, the
 * map changes, she compares that version with now on the canvas and per partner, downloads it as a
 * PDF, and restores it;
 * Bram sees the restore live, and one Ctrl+Z of Anna's takes it back. A viewer lists, opens and
 * compares versions but has no way to save, delete or restore one, and the server refuses it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts } from '../server/test/export-checks.js';
import { openTab, type Tab } from './support/browser.js';
import { openMap, PATIENCE, step, stepLabels, typeInPlace } from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();
let viewer: Tab;
let snapshotExport: unknown;

beforeAll(async () => {
  viewer = await openTab(editors.browser);
});
afterAll(async () => {
  await viewer?.context.close();
});

const historyButton = (tab: Tab) => tab.page.getByTestId('toolbar-history');
const item = (tab: Tab, name: string) =>
  tab.page.getByTestId('history-item').filter({ has: tab.page.getByTestId('history-item-name').getByText(name) });
const node = (tab: Tab, id: string) => tab.page.locator(`.react-flow__node[data-id="${id}"]`);

async function rename(tab: Tab, from: string, to: string): Promise<void> {
  await step(tab.page, from).getByTestId('step-label').dblclick();
  await typeInPlace(tab.page, to);
}

describe('version history', () => {
  it('[CL-V1] an editor saves a named version; it is listed newest first with its author', async () => {
    const { anna } = editors;
    await historyButton(anna).click();
    await expect.poll(() => anna.page.getByTestId('history-panel').isVisible(), PATIENCE).toBe(true);
    await anna.page.getByTestId('history-name').fill('Workshop 12 maart');
    await anna.page.getByTestId('history-save').click();
    await expect.poll(() => item(anna, 'Workshop 12 maart').count(), PATIENCE).toBe(1);
    expect(await item(anna, 'Workshop 12 maart').textContent()).toContain('door Anna');
    const res = await fetch(editors.app.href(`/api/maps/${editors.map.id}/snapshots?token=${editors.map.viewToken}`));
    const { snapshots } = (await res.json()) as { snapshots: { id: string; name: string }[] };
    expect(snapshots.map((s) => s.name)).toEqual(['Workshop 12 maart']);
    const version = await fetch(
      editors.app.href(
        `/api/maps/${editors.map.id}/snapshots/${snapshots[0]!.id}/export.json?token=${editors.map.viewToken}`,
      ),
    );
    snapshotExport = await version.json();
    expect(snapshotExport).toEqual(await editors.app.exportMap(editors.map.id, editors.map.editToken));
    // Then the map changes: Bram renames a UWV step and removes CBS's last step.
    await historyButton(anna).click();
    await rename(editors.bram, 'Gegevens leveren', 'Polisgegevens leveren');
    await step(editors.bram.page, 'Publicatie').click();
    await editors.bram.page.keyboard.press('Delete');
    await expect.poll(() => stepLabels(anna.page), PATIENCE).toContain('Polisgegevens leveren');
    await expect.poll(() => stepLabels(anna.page), PATIENCE).not.toContain('Publicatie');
  });

  it('[CL-V2] [CL-V3] compared with now on the canvas: changed and removed marked, with a legend; the list selects', async () => {
    const { anna } = editors;
    await historyButton(anna).click();
    await item(anna, 'Workshop 12 maart').getByTestId('history-compare-now').click();
    await expect.poll(() => anna.page.getByTestId('canvas').getAttribute('data-history'), PATIENCE).toBe('compare');
    // The toolbar is gone while comparing; the `f` key fits the whole map.
    await anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await anna.page.keyboard.press('f');
    await expect.poll(() => node(anna, 'u2').getAttribute('class'), PATIENCE).toContain('kk-change-edited');
    // The removed step is back as a ghost: drawn, faded, dashed.
    const ghost = node(anna, 'c2');
    await expect.poll(() => ghost.getAttribute('class'), PATIENCE).toContain('kk-change-removed');
    const style = await ghost.evaluate((el) => {
      const s = getComputedStyle(el);
      return { opacity: Number(s.opacity), outline: s.outlineStyle, width: el.getBoundingClientRect().width };
    });
    expect(style).toMatchObject({ opacity: 0.6, outline: 'dashed' });
    // What did not change steps back; the changed step does not.
    expect(await node(anna, 'u1').evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(0.35);
    expect(await node(anna, 'u2').evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(1);
    expect(style.width).toBeGreaterThan(20);
    expect(await node(anna, 'u1').getAttribute('class')).not.toContain('kk-change');
    const legend = anna.page.getByTestId('history-legend');
    expect(await legend.textContent()).toMatch(/Toegevoegd.*Verwijderd.*Gewijzigd.*Verplaatst/);
    expect(await anna.page.getByTestId('history-banner').textContent()).toContain('Workshop 12 maart');
    // Old versions are read-only: no toolbar, and a double-click does not edit.
    expect(await anna.page.getByTestId('toolbar').count()).toBe(0);
    // The list: choosing the removed step selects it on the canvas.
    const removed = anna.page.getByTestId('change-item').filter({ hasText: 'Processtap: Publicatie' });
    expect(await removed.getAttribute('data-mark')).toBe('removed');
    await removed.getByRole('button').first().click();
    await expect.poll(() => ghost.getAttribute('class'), PATIENCE).toContain('selected');
    const edited = anna.page.getByTestId('change-item').filter({ hasText: 'Polisgegevens leveren' });
    expect(await edited.textContent()).toContain('naam: Gegevens leveren → Polisgegevens leveren');
  });

  it('[CL-V4] what changed for UWV: its step and the koppelvlakken that touch it', async () => {
    const { anna } = editors;
    await anna.page.getByTestId('partner-pick').selectOption('uwv');
    const summary = anna.page.getByTestId('partner-summary');
    await expect.poll(() => summary.textContent(), PATIENCE).toContain('Wat is er veranderd voor UWV');
    expect(await anna.page.getByTestId('partner-summary-steps').textContent()).toContain('Polisgegevens leveren');
    await anna.page.getByTestId('partner-pick').selectOption('cbs');
    expect(await anna.page.getByTestId('partner-summary-steps').textContent()).toContain('Publicatie');
    // Werkgever: nothing changed.
    await anna.page.getByTestId('partner-pick').selectOption('werkgever');
    expect(await summary.textContent()).toContain('Niets veranderd voor Werkgever');
  });

  it('[CL-V7] [SV-V7] a version exported as PDF: that version drawn, its name in the title block', async () => {
    const { anna } = editors;
    const button = item(anna, 'Workshop 12 maart').getByTestId('history-pdf');
    expect(await button.textContent()).toBe('Exporteren als PDF');
    const [file] = await Promise.all([anna.page.waitForEvent('download'), button.click()]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^ketenkaart-${editors.map.id}-.+\\.pdf$`));
    const facts = await pdfFacts(new Uint8Array(await readFile(await file.path())));
    const text = facts.text.replace(/\s+/g, ' ');
    expect(text).toContain('Momentopname: Workshop 12 maart');
    // The version as saved, not the map as it is now.
    expect(text).toContain('Publicatie');
    expect(text).toContain('Gegevens leveren');
    expect(text).not.toContain('Polisgegevens leveren');
    await expect.poll(() => button.getAttribute('data-state'), PATIENCE).toBe('idle');
    // A server too busy to draw it (503) is said beside the button, in words; the button works again.
    await anna.page.route('**/export.pdf', (r) => r.fulfill({ status: 503, body: '{"error":"busy"}' }));
    await button.click();
    const error = item(anna, 'Workshop 12 maart').getByTestId('history-pdf-error');
    await expect.poll(() => error.textContent(), PATIENCE).toContain('de server is even te druk');
    expect(await button.isEnabled()).toBe(true);
    await anna.page.unroute('**/export.pdf');
  });

  it('[CL-V5] [SV-V5] restore: asked first, seen live by Bram, exact on the server, one Ctrl+Z for Anna', async () => {
    const { anna, bram } = editors;
    await anna.page.getByTestId('history-back').click();
    await expect.poll(() => anna.page.getByTestId('canvas').getAttribute('data-history'), PATIENCE).toBe(null);
    await item(anna, 'Workshop 12 maart').getByTestId('history-restore').click();
    await anna.page.getByTestId('restore-confirm').click();
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toContain('Gegevens leveren');
    await expect.poll(() => stepLabels(bram.page), PATIENCE).toContain('Publicatie');
    await expect
      .poll(() => editors.app.exportMap(editors.map.id, editors.map.editToken), PATIENCE)
      .toEqual(snapshotExport);
    // The map as it was before the restore was kept first.
    await expect.poll(() => anna.page.getByTestId('history-item').count(), PATIENCE).toBeGreaterThanOrEqual(2);
    expect(await anna.page.getByTestId('history-list').textContent()).toContain('Automatisch: vóór terugzetten');
    // Anna's Ctrl+Z undoes her restore in one step, for everyone.
    await anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await anna.page.keyboard.press('Control+z');
    for (const tab of [anna, bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toContain('Polisgegevens leveren');
      await expect.poll(() => stepLabels(tab.page), PATIENCE).not.toContain('Publicatie');
    }
  });

  it('[CL-V6] "Opmaak: alles" asks the server to keep the map first, with the author', async () => {
    const { anna, bram } = editors;
    await rename(bram, 'Loonheffing innen', 'Loonheffing innen en afdragen');
    await expect.poll(() => stepLabels(anna.page), PATIENCE).toContain('Loonheffing innen en afdragen');
    const before = await editors.app.exportMap(editors.map.id, editors.map.editToken);
    await anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await anna.page.keyboard.press('o');
    const list = async () => {
      const res = await fetch(editors.app.href(`/api/maps/${editors.map.id}/snapshots?token=${editors.map.viewToken}`));
      return ((await res.json()) as { snapshots: { id: string; reason?: string; author: string }[] }).snapshots;
    };
    await expect.poll(async () => (await list())[0]?.reason, PATIENCE).toBe('layout');
    const kept = (await list())[0]!;
    expect(kept.author).toBe('Anna');
    const version = await fetch(
      editors.app.href(`/api/maps/${editors.map.id}/snapshots/${kept.id}/export.json?token=${editors.map.viewToken}`),
    );
    expect(await version.json()).toEqual(before);
  });

  it('[CL-V6] [SV-V6] a viewer lists, opens and compares versions, but cannot save, delete or restore', async () => {
    await openMap(viewer.page, editors.app.href(editors.map.viewUrl));
    await historyButton(viewer).click();
    await expect.poll(() => item(viewer, 'Workshop 12 maart').count(), PATIENCE).toBe(1);
    expect(await viewer.page.getByTestId('history-save-form').count()).toBe(0);
    expect(await viewer.page.getByTestId('history-restore').count()).toBe(0);
    expect(await viewer.page.getByTestId('history-delete').count()).toBe(0);
    await item(viewer, 'Workshop 12 maart').getByTestId('history-view').click();
    await expect
      .poll(() => viewer.page.getByTestId('history-banner').textContent(), PATIENCE)
      .toContain('Oude versie: Workshop 12 maart');
    await viewer.page.keyboard.press('f');
    await expect.poll(() => stepLabels(viewer.page), PATIENCE).toContain('Publicatie');
    await item(viewer, 'Workshop 12 maart').getByTestId('history-compare-now').click();
    await expect.poll(() => node(viewer, 'c2').getAttribute('class'), PATIENCE).toContain('kk-change-removed');
    // Server-enforced: the view token cannot write the history, even from the page itself.
    const statuses = await viewer.page.evaluate(
      async ({ id, token }) => {
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const list = (await (await fetch(`/api/maps/${id}/snapshots`, { headers })).json()) as {
          snapshots: { id: string }[];
        };
        const sid = list.snapshots[0]!.id;
        const save = await fetch(`/api/maps/${id}/snapshots`, { method: 'POST', headers, body: '{"name":"x"}' });
        const del = await fetch(`/api/maps/${id}/snapshots/${sid}`, { method: 'DELETE', headers });
        const restore = await fetch(`/api/maps/${id}/snapshots/${sid}/restore`, { method: 'POST', headers });
        return [save.status, del.status, restore.status];
      },
      { id: editors.map.id, token: editors.map.viewToken },
    );
    expect(statuses).toEqual([403, 403, 403]);
  });
});
