import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMap } from '@ketenkaart/shared';
import { kit, loadEditKit } from '../src/commands/editKit';
import { addLane } from '../src/commands/partners';
import { copySelection } from '../src/commands/selection';
import { addStepInLane } from '../src/commands/steps';

describe('the edit kit', () => {
  it('[CL-Z2] the commands that change the map work only once the kit is loaded; reading the selection always works', async () => {
    const doc = new Y.Doc();
    expect(() => addLane(doc, 'Gemeente')).toThrow(/only an edit link loads them/);
    expect(() => kit()).toThrow();
    expect(readMap(doc).partners.filter((p) => !p.unassigned)).toEqual([]);
    // A viewer may copy (Ctrl+C) without the kit.
    expect(copySelection(readMap(doc), new Set())).toBeNull();

    const loaded = await loadEditKit();
    expect(await loadEditKit()).toBe(loaded);
    const lane = addLane(doc, 'Gemeente');
    const step = addStepInLane(doc, lane, 'Melding');
    const map = readMap(doc);
    expect(map.partnerById.get(lane)?.name).toBe('Gemeente');
    expect(map.stepById.get(step)?.partner).toBe(lane);
    expect(copySelection(map, new Set([step]))?.steps.map((s) => s.label)).toEqual(['Melding']);
  });
});
