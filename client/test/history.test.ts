import {
  addStep,
  changesByPartner,
  diffMaps,
  exportJson,
  importJson,
  parseMapFile,
  readMap,
  removeSteps,
  updateStep,
  type MapFile,
} from '@ketenkaart/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEditKit } from '../src/commands/editKit';
import * as Y from 'yjs';
import { restoreVersion } from '../src/commands/history';
import { changeEntries } from '../src/history/describe';
import { marksOf } from '../src/history/marks';
import { changeReport } from '../src/history/report';
import { en } from '../src/i18n/en';
import { nl } from '../src/i18n/nl';
import { UndoController } from '../src/session/undo/UndoController';
import { laneNodeId } from '../src/store/laneNodeIds';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';

// The commands forward to the edit kit, which an edit link loads first (CL-Z2).
beforeAll(() => loadEditKit());

const i18n = i18next.createInstance();
await i18n.init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: 'nl',
  interpolation: { escapeValue: false },
  initAsync: false,
});
const t = i18n.t.bind(i18n);

/** The template, then a renamed UWV step (with markup in its name), a removed CBS step and a new one. */
function comparison() {
  const doc = new Y.Doc();
  importJson(doc, JSON.stringify(loonaangifteketen));
  const from = parseMapFile(exportJson(doc));
  updateStep(doc, 'u2', { label: '<b>Gegevens</b> & leveren' });
  removeSteps(doc, ['c2']);
  addStep(doc, { id: 'a2', partner: 'afnemers', label: 'Beslissing melden', x: 1900, y: 20 });
  const to: MapFile = parseMapFile(exportJson(doc));
  const diff = diffMaps(from, to);
  return { from, to, diff, partners: changesByPartner(diff, from, to) };
}

describe('history in the client', () => {
  it('[CL-V3] marks every changed node and edge by its React Flow id', () => {
    const marks = marksOf(comparison().diff);
    expect(marks.get('u2')).toBe('edited');
    expect(marks.get('c2')).toBe('removed');
    expect(marks.get('a2')).toBe('added');
    expect(marks.has(laneNodeId('uwv'))).toBe(false);
    expect(marks.has('u1')).toBe(false);
  });

  it('[CL-V3] the change list names what changed, old → new, in Dutch and English', () => {
    const entries = changeEntries(comparison(), t);
    const renamed = entries.find((e) => e.target === 'u2')!;
    expect(renamed).toMatchObject({ what: 'step', mark: 'edited' });
    expect(renamed.details).toEqual(['naam: Gegevens leveren → <b>Gegevens</b> & leveren']);
    expect(entries.find((e) => e.target === 'c2')).toMatchObject({ mark: 'removed', name: 'Publicatie' });
    const english = i18n.cloneInstance({ lng: 'en' });
    expect(changeEntries(comparison(), english.t.bind(english)).find((e) => e.target === 'u2')!.details).toEqual([
      'name: Gegevens leveren → <b>Gegevens</b> & leveren',
    ]);
  });

  it('[CL-V4] the change report has the versions, the summary per partner and the list, every text escaped', () => {
    const html = changeReport(
      comparison(),
      { from: 'Workshop 12 maart', to: 'Nu', made: '30 nov 2026', lang: 'nl' },
      t,
    );
    expect(html).toContain('Wijzigingsrapport: Loonaangifteketen');
    expect(html).toContain('Vergeleken: Workshop 12 maart met Nu');
    expect(html).toContain('Wat is er veranderd voor UWV');
    expect(html).toContain('Wat is er veranderd voor CBS');
    expect(html).not.toContain('Wat is er veranderd voor Werkgever');
    expect(html).toContain('&lt;b&gt;Gegevens&lt;/b&gt; &amp; leveren');
    expect(html).not.toContain('<b>Gegevens');
  });

  it('[CL-V5] a restore is one transaction, one undo step for the restorer', () => {
    const doc = new Y.Doc();
    importJson(doc, JSON.stringify(loonaangifteketen));
    const old = parseMapFile(exportJson(doc));
    const undo = new UndoController(doc, 0);
    updateStep(doc, 'u2', { label: 'Later' });
    removeSteps(doc, ['c2']);
    const later = exportJson(doc);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreVersion(doc, undo, old);
    expect(transactions).toBe(1);
    expect(parseMapFile(exportJson(doc))).toEqual(old);
    expect(undo.undo()).toBe(true);
    expect(exportJson(doc)).toBe(later);
    expect(readMap(doc).stepById.has('c2')).toBe(false);
  });
});
