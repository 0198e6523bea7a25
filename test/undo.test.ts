/**
 * Client rule CL-U1: Ctrl+Z undoes only my own changes. Anna edits first
 * and Bram last; when Anna undoes, Bram's later change stays, for both of them and
 * on the server, and Bram's own undo is still his to use.
 */
import { describe, expect, it } from 'vitest';
import type { Tab } from './support/browser.js';
import { PATIENCE, step, stepLabels, typeInPlace } from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();

const undoButton = (tab: Tab) => tab.page.getByRole('toolbar').getByRole('button', { name: 'Ongedaan maken' });

/** Renames a step in place, the way a person does: double-click its label, type, Enter. */
async function rename(tab: Tab, from: string, to: string): Promise<void> {
  await step(tab.page, from).getByTestId('step-label').dblclick();
  await typeInPlace(tab.page, to);
}

describe('undo', () => {
  it("[CL-U1] undoes my change and leaves the other participant's later change alone", async () => {
    await rename(editors.anna, 'Loonaangifte opstellen', 'Loonaangifte samenstellen');
    await expect.poll(() => stepLabels(editors.bram.page), PATIENCE).toContain('Loonaangifte samenstellen');
    await rename(editors.bram, 'Aangifte controleren', 'Aangifte beoordelen');
    await expect.poll(() => stepLabels(editors.anna.page), PATIENCE).toContain('Aangifte beoordelen');

    // Anna presses Ctrl+Z with the focus on the map, not in a field.
    await editors.anna.page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await editors.anna.page.keyboard.press('Control+z');

    for (const tab of [editors.anna, editors.bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toContain('Loonaangifte opstellen');
      const labels = await stepLabels(tab.page);
      expect(labels).toContain('Aangifte beoordelen');
      expect(labels).not.toContain('Loonaangifte samenstellen');
    }
    // Anna has nothing left to undo; Bram still has his own change to undo.
    await expect.poll(() => undoButton(editors.anna).isDisabled(), PATIENCE).toBe(true);
    expect(await undoButton(editors.bram).isEnabled()).toBe(true);

    const stored = await editors.app.exportMap(editors.map.id, editors.map.editToken);
    const label = (id: string) => stored.steps.find((s) => s.id === id)?.label;
    expect(label('w2')).toBe('Loonaangifte opstellen');
    expect(label('b2')).toBe('Aangifte beoordelen');
  });

  it("[CL-U1] a second Ctrl+Z finds nothing of mine to undo and does not touch the other's change", async () => {
    await editors.anna.page.keyboard.press('Control+z');
    // An undo applies locally at once: after two frames Anna's own map would show it.
    await editors.anna.page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await stepLabels(editors.anna.page)).toContain('Aangifte beoordelen');
    expect(await stepLabels(editors.anna.page)).toContain('Loonaangifte opstellen');
    // Bram then undoes his own change with the toolbar button; only now is it gone.
    await undoButton(editors.bram).click();
    for (const tab of [editors.anna, editors.bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toContain('Aangifte controleren');
      expect(await stepLabels(tab.page)).toContain('Loonaangifte opstellen');
    }
    const stored = await editors.app.exportMap(editors.map.id, editors.map.editToken);
    expect(stored.steps.find((s) => s.id === 'b2')?.label).toBe('Aangifte controleren');
    expect(editors.anna.errors).toEqual([]);
    expect(editors.bram.errors).toEqual([]);
  });
});
