/**
 * Remote changes appear without disturbing a text being typed. Bram is
 * renaming a step in place when Anna's changes arrive; his field keeps its focus and
 * his half-typed text, and what he finally types is what everyone gets.
 */
import { describe, expect, it } from 'vitest';
import { PATIENCE, step, stepLabels, typeInPlace } from './support/map-page.js';
import { twoEditorsOnTemplate } from './support/two-editors.js';

const editors = twoEditorsOnTemplate();

describe('typing while others edit', () => {
  it('a remote rename and a remote new step do not disturb a label being typed', async () => {
    await step(editors.bram.page, 'Loonheffing innen').getByTestId('step-label').dblclick();
    const field = editors.bram.page.getByTestId('inline-edit');
    await field.waitFor();
    await editors.bram.page.keyboard.press('End');
    await editors.bram.page.keyboard.type(' en');

    // Meanwhile Anna renames a step in the same lane and adds one after it.
    await step(editors.anna.page, 'Aangifte controleren').getByTestId('step-label').dblclick();
    await typeInPlace(editors.anna.page, 'Aangifte beoordelen');
    await editors.anna.page
      .getByRole('toolbar')
      .getByRole('button', { name: /Processtap/ })
      .click();
    await typeInPlace(editors.anna.page, 'Naheffing opleggen');
    await expect.poll(() => stepLabels(editors.bram.page), PATIENCE).toContain('Naheffing opleggen');
    expect(await stepLabels(editors.bram.page)).toContain('Aangifte beoordelen');

    // Bram's field is untouched: still open, still focused, his text still there.
    expect(await field.inputValue()).toBe('Loonheffing innen en');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await editors.bram.page.keyboard.type(' afdragen');
    await editors.bram.page.keyboard.press('Enter');

    for (const tab of [editors.anna, editors.bram]) {
      await expect.poll(() => stepLabels(tab.page), PATIENCE).toContain('Loonheffing innen en afdragen');
    }
    const stored = await editors.app.exportMap(editors.map.id, editors.map.editToken);
    expect(stored.steps.map((s) => s.label)).toEqual(
      expect.arrayContaining(['Loonheffing innen en afdragen', 'Aangifte beoordelen', 'Naheffing opleggen']),
    );
    expect(editors.anna.errors).toEqual([]);
    expect(editors.bram.errors).toEqual([]);
  });
});
