import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  DEFAULTS,
  exportJson,
  importJson,
  ImportError,
  LIMITS,
  parseMapFile,
  readMap,
  roots,
  UNASSIGNED_EXPORT_NAME,
} from '../src/index.js';
import { countUpdates, fixtureDoc, fixtureText } from './helpers.js';

const minimal = {
  format: 'ketenkaart',
  version: 1,
  title: 'Klein',
  partners: [{ id: 'p', name: 'Partner' }],
  steps: [{ id: 's', partner: 'p', label: 'Stap' }],
  flows: [] as unknown[],
};

describe('JSON format v1', () => {
  it('[SH-J1] the golden v1 fixture still loads', () => {
    const map = readMap(fixtureDoc());
    expect(map.meta.title).toBe('Loonaangifteketen');
    expect(map.partners.map((p) => p.name)).toEqual(['Werkgever', 'Belastingdienst', 'UWV', 'CBS', 'Afnemers']);
    expect(map.steps).toHaveLength(10);
    expect(map.flows).toHaveLength(10);
  });

  it('[SH-J3] optional fields get their documented defaults', () => {
    const doc = new Y.Doc();
    importJson(doc, JSON.stringify({ ...minimal, flows: [] }));
    const map = readMap(doc);
    expect(map.meta.description).toBe(DEFAULTS.meta.description);
    expect(map.partners[0]).toMatchObject({ color: DEFAULTS.partner.color, description: '' });
    expect(map.stepById.get('s')).toMatchObject({ kind: 'activity', description: '', contact: '' });
    const withFlow = {
      ...minimal,
      steps: [...minimal.steps, { id: 't', partner: 'p', label: 'T' }],
      flows: [{ id: 'f', from: 's', to: 't' }],
    };
    importJson(doc, JSON.stringify(withFlow));
    expect(readMap(doc).flowById.get('f')).toMatchObject({ label: '', kind: 'document', status: 'ok', note: '' });
  });

  it('[SH-J10] export, import, export gives equal JSON', () => {
    const first = exportJson(fixtureDoc());
    const doc = new Y.Doc();
    importJson(doc, first);
    expect(exportJson(doc)).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ format: 'ketenkaart', version: 1 });
  });

  it('[SH-J7] steps without positions are placed left to right along the flows, each in its lane', () => {
    const map = readMap(fixtureDoc());
    const x = (id: string) => map.stepById.get(id)!.x;
    expect(x('wg1')).toBeLessThan(x('wg2'));
    expect(x('wg2')).toBeLessThan(x('bd1'));
    expect(x('bd1')).toBeLessThan(x('bd2'));
    expect(x('bd2')).toBeLessThan(x('uwv1'));
    expect(x('uwv2')).toBeLessThan(x('cbs1'));
    expect(map.stepById.get('uwv1')!.partner).toBe('uwv');
    // deterministic
    expect(exportJson(fixtureDoc())).toBe(exportJson(fixtureDoc()));
  });

  it('[SH-J8] import updates entities in place and removes the rest, in one transaction', () => {
    const doc = fixtureDoc();
    const file = JSON.parse(exportJson(doc)) as typeof minimal & { steps: { id: string; label: string }[] };
    file.steps = file.steps.filter((s) => s.id !== 'cbs2');
    file.steps[0]!.label = 'Salaris bijwerken';
    (file as { flows: { to: string; from: string }[] }).flows = (file.flows as { to: string; from: string }[]).filter(
      (f) => f.to !== 'cbs2' && f.from !== 'cbs2',
    );
    const n = countUpdates(doc, () => importJson(doc, JSON.stringify(file)));
    expect(n).toBe(1);
    const map = readMap(doc);
    expect(map.stepById.has('cbs2')).toBe(false);
    expect(map.stepById.get('wg1')?.label).toBe('Salaris bijwerken');
  });

  it('[SH-J9] orphan steps are exported under a real partner, so the export is valid', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    addStep(doc, { id: 's', partner: 'p', label: 'S' });
    const orphan = new Y.Map<unknown>();
    orphan.set('partner', 'gone');
    orphan.set('label', 'Wees');
    roots(doc).steps.set('o', orphan);
    const file = parseMapFile(exportJson(doc));
    expect(file.partners.map((p) => p.name)).toEqual(['P', UNASSIGNED_EXPORT_NAME]);
    expect(file.steps.find((s) => s.id === 'o')?.partner).toBe('unassigned');
  });

  it('[SH-J4] an ImportError lists every problem with its path', () => {
    const bad = {
      ...minimal,
      title: 5,
      steps: [
        { id: 's', partner: 'zz', label: 'x', x: 'left' },
        { id: 's', partner: 'p' },
      ],
    };
    try {
      parseMapFile(JSON.stringify(bad));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const paths = (error as ImportError).problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining(['$.title', '$.steps[0].x', '$.steps[1].label', '$.steps[1].id', '$.steps[0].partner']),
      );
    }
  });

  it('[SH-J1] unknown fields are ignored, not an error', () => {
    const doc = new Y.Doc();
    importJson(doc, JSON.stringify({ ...minimal, generator: 'script', partners: [{ id: 'p', name: 'P', extra: 1 }] }));
    expect(roots(doc).partners.get('p')?.has('extra')).toBe(false);
  });

  it('[SH-J5] a file over the size limit is refused before parsing', () => {
    const text = ' '.repeat(LIMITS.fileChars + 1);
    expect(() => parseMapFile(text)).toThrow(/larger than/);
  });

  it('[SH-J5] more steps than the limit are refused at $.steps', () => {
    const steps = Array.from({ length: LIMITS.steps + 1 }, (_, i) => ({ id: `s${i}`, partner: 'p', label: '' }));
    try {
      parseMapFile(JSON.stringify({ ...minimal, steps }));
      expect.unreachable();
    } catch (error) {
      expect((error as ImportError).problems.map((p) => p.path)).toContain('$.steps');
    }
  });

  it('[SH-J5] absurd nesting is refused with its path', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { d: deep };
    try {
      parseMapFile(JSON.stringify({ ...minimal, extra: deep }));
      expect.unreachable();
    } catch (error) {
      expect((error as ImportError).problems[0]?.message).toMatch(/nested deeper/);
    }
  });

  it('[SH-J4] [SH-J13] at most LIMITS.problems problems are listed, and the error says more may follow', () => {
    const steps = Array.from({ length: 1500 }, (_, i) => ({ id: `s${i}`, partner: 'nobody', label: '' }));
    try {
      parseMapFile(JSON.stringify({ ...minimal, steps }));
      expect.unreachable();
    } catch (error) {
      expect((error as ImportError).problems).toHaveLength(LIMITS.problems);
      expect((error as ImportError).truncated).toBe(true);
      expect((error as ImportError).problems[0]?.path).toBe('$.steps[0].partner');
    }
    try {
      parseMapFile(JSON.stringify({ ...minimal, steps: steps.slice(0, 10) }));
      expect.unreachable();
    } catch (error) {
      expect((error as ImportError).problems).toHaveLength(10);
      expect((error as ImportError).truncated).toBe(false);
    }
  });

  it('[SH-J5] a file at the size limits is accepted', () => {
    const text = fixtureText();
    const file = JSON.parse(text) as { title: string };
    file.title = 't'.repeat(200);
    expect(() => parseMapFile(JSON.stringify(file))).not.toThrow();
  });
});
