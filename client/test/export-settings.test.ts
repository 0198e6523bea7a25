import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPartner, addStep, readMap } from '@ketenkaart/shared';
import { renderMap } from '@ketenkaart/shared/render';
import {
  DEFAULT_SETTINGS,
  describe as describeFile,
  fileName,
  pngRequest,
  renderOptions,
  selectedSteps,
} from '../src/export/exportSettings';

function smallMap() {
  const doc = new Y.Doc();
  const p = addPartner(doc, { name: 'Gemeente' });
  const a = addStep(doc, { partner: p, label: 'Aanvraag' });
  const b = addStep(doc, { partner: p, label: 'Besluit', x: 600 });
  return { map: readMap(doc), a, b, p };
}

describe('export settings', () => {
  it('[CL-X1] selection only takes the selected steps (not lanes or flows), and only when asked', () => {
    const { map, a, p } = smallMap();
    const steps = selectedSteps(map, new Set([a, `~lane:${p}`, 'gone']));
    expect(steps).toEqual([a]);
    const date = new Date('2026-11-30T00:00:00Z');
    expect(renderOptions(DEFAULT_SETTINGS, steps, date)).toEqual({ date });
    expect(renderOptions({ ...DEFAULT_SETTINGS, selectionOnly: true }, steps, date)).toEqual({ selection: [a], date });
    expect(renderOptions({ ...DEFAULT_SETTINGS, selectionOnly: true }, [], date)).toEqual({ date });
  });

  it('[CL-X1] a PNG is a scale or the paper at a DPI; its size is named before it is made', () => {
    expect(pngRequest({ ...DEFAULT_SETTINGS, pngSize: 'scale:3' })).toEqual({ scale: 3 });
    expect(pngRequest({ ...DEFAULT_SETTINGS, pngSize: 'dpi:300', paper: 'A1', orientation: 'portrait' })).toEqual({
      paper: 'A1',
      orientation: 'portrait',
      dpi: 300,
    });
    const drawing = renderMap(smallMap().map);
    const facts = describeFile({ ...DEFAULT_SETTINGS, format: 'png', pngSize: 'scale:2' }, drawing);
    expect(facts.png).toEqual({ ok: true, width: Math.ceil(drawing.width * 2), height: Math.ceil(drawing.height * 2) });
    const tiled = describeFile({ ...DEFAULT_SETTINGS, format: 'pdf', paper: 'A0', tiles: 'A4' }, drawing);
    expect(tiled.tiles!.cols * tiled.tiles!.rows).toBeGreaterThan(1);
  });

  it('[CL-B10] the poster marks its step or lane "U bent hier" (Dutch), only while the mark is on', () => {
    const { map, a, p } = smallMap();
    const date = new Date('2026-11-30T00:00:00Z');
    const on = { ...DEFAULT_SETTINGS, highlight: true };
    expect(renderOptions(on, [], date, { kind: 'step', id: a })).toEqual({
      date,
      highlight: { stepId: a, label: 'U bent hier' },
    });
    expect(renderOptions({ ...on, selectionOnly: true }, [a], date, { kind: 'partner', id: p })).toEqual({
      selection: [a],
      date,
      highlight: { partnerId: p, label: 'U bent hier' },
    });
    expect(renderOptions(DEFAULT_SETTINGS, [], date, { kind: 'step', id: a })).toEqual({ date });
    expect(renderOptions(on, [], date, null)).toEqual({ date });
    // The drawing has the mark, with its tag's text, exactly when asked.
    const marked = renderMap(map, renderOptions(on, [], date, { kind: 'step', id: a }));
    const mark = marked.groups.find((g) => g.role === 'highlight');
    expect(mark?.id).toBe(a);
    expect(mark?.items.some((i) => i.type === 'text' && i.text === 'U bent hier')).toBe(true);
    const plain = renderMap(map, renderOptions({ ...on, highlight: false }, [], date, { kind: 'step', id: a }));
    expect(plain.groups.some((g) => g.role === 'highlight')).toBe(false);
  });

  it('[CL-X3] the file name comes from the title alone', () => {
    expect(fileName('Loonaangifteketen', 'pdf')).toBe('loonaangifteketen.pdf');
    expect(fileName('Één <keten> & "zo"', 'svg')).toBe('een-keten-zo.svg');
    expect(fileName('   ', 'png')).toBe('ketenkaart.png');
  });
});
