import { importJson, readMap } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cachedStepFocus, litSets } from '../src/browse/focus/litSets';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';

const map = (() => {
  const doc = new Y.Doc();
  importJson(doc, JSON.stringify(loonaangifteketen));
  return readMap(doc);
})();
const sorted = (s: ReadonlySet<string> | undefined): string[] => [...(s ?? [])].sort();

describe('[CL-B3] what a focus lights', () => {
  it('[CL-B3] a step lights its chain to the depth, a flow its document, a partner its lane and koppelvlakken', () => {
    const step = litSets(map, { kind: 'step', id: 'b2' }, 1);
    expect(sorted(step?.steps)).toEqual(['b1', 'b2', 'b3', 'u1', 'w2']);
    expect(sorted(step?.flows)).toEqual(['f3', 'f4', 'f5', 'f6']);
    expect(sorted(litSets(map, { kind: 'flow', id: 'f2' }, 1)?.flows)).toEqual(['f2']);
    const uwv = litSets(map, { kind: 'partner', id: 'uwv' }, 1);
    expect(sorted(uwv?.flows)).toEqual(['f5', 'f7', 'f8', 'f9']);
    expect(sorted(uwv?.partners)).toEqual(['uwv']);
  });

  it('[CL-B8] nothing is lit (nothing dimmed) for a focus that is not in the map, or no focus', () => {
    expect(litSets(map, { kind: 'step', id: 'gone' }, 2)).toBeNull();
    expect(litSets(map, { kind: 'flow', id: 'gone' }, 2)).toBeNull();
    expect(litSets(map, { kind: 'partner', id: 'gone' }, 2)).toBeNull();
    expect(litSets(map, null, 2)).toBeNull();
  });

  it('[CL-B3] the panel and the highlight share one step focus per map, step and depth', () => {
    const a = cachedStepFocus(map, 'u1', 2);
    expect(cachedStepFocus(map, 'u1', 2)).toBe(a);
    expect(cachedStepFocus(map, 'u1', 1)).not.toBe(a);
  });
});
