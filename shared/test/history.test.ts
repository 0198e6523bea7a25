import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  applyDiff,
  changesByPartner,
  connect,
  DiffConflict,
  diffMaps,
  exportJson,
  importJson,
  isEmptyDiff,
  movePartner,
  moveSteps,
  moveStepToPartner,
  ORIGINS,
  parseMapFile,
  readMap,
  removePartner,
  removeSteps,
  versionSnapshot,
  comparisonVersion,
  undoScope,
  updateFlow,
  updatePartner,
  updateStep,
  type MapFile,
} from '../src/index.js';
import { fixtureDoc } from './helpers.js';
import { randomOp } from './random-ops.js';

const SEEDS = Number(process.env['HISTORY_SEEDS'] ?? 12);
/** Seeds that once failed: listed here, they run on every test run. */
const REGRESSION_SEEDS: readonly number[] = [];
const version = (doc: Y.Doc): MapFile => parseMapFile(exportJson(doc));

/** A fixture doc with an undo manager, and `count` versions taken `every` random ops apart. */
function versions(seed: number, count: number, every: number): { files: MapFile[]; log: string[] } {
  const gen = prng.create(seed);
  const doc = fixtureDoc();
  const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]) });
  const log: string[] = [];
  const files = [version(doc)];
  for (let v = 1; v < count; v++) {
    for (let i = 0; i < every; i++) randomOp(gen, { doc, undo }, log, 1);
    files.push(version(doc));
  }
  return { files, log };
}

describe('[SH-V1] [SH-V3] a diff applied to its older version gives the newer one', () => {
  for (const seed of [...REGRESSION_SEEDS, ...Array.from({ length: SEEDS }, (_, i) => i + 1)]) {
    it(`seed ${seed}: every pair of 6 versions, both ways`, () => {
      const { files, log } = versions(seed, 6, 1 + (seed % 5) * 8);
      for (const [i, a] of files.entries()) {
        for (const [j, b] of files.entries()) {
          const d = diffMaps(a, b);
          try {
            expect(applyDiff(a, d)).toEqual(b);
            // What the JSON format says of a file holds of the rebuilt one too (exact text).
            expect(JSON.stringify(applyDiff(a, d))).toBe(JSON.stringify(b));
            expect(isEmptyDiff(d)).toBe(JSON.stringify(a) === JSON.stringify(b));
          } catch (e) {
            throw new Error(`seed ${seed}, versions ${i} -> ${j}: ${String(e)}\nops:\n${log.join('\n')}`, { cause: e });
          }
        }
      }
    });
  }
});

describe('[SH-V2] moves are told apart from edits', () => {
  it('seeded moves only (steps, lanes, steps to other lanes) are all moves, never edits', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const gen = prng.create(seed);
      const doc = fixtureDoc();
      const a = version(doc);
      const ids = readMap(doc).steps.map((s) => s.id);
      const partners = readMap(doc).partners.map((p) => p.id);
      for (let i = 0; i < 20; i++) {
        const r = prng.uint32(gen, 0, 2);
        const step = prng.oneOf(gen, ids);
        if (r === 0) moveSteps(doc, [{ id: step, x: prng.int32(gen, 0, 3000), y: prng.uint32(gen, 0, 300) }]);
        else if (r === 1) moveStepToPartner(doc, step, prng.oneOf(gen, partners));
        else movePartner(doc, prng.oneOf(gen, partners), prng.uint32(gen, 0, partners.length));
      }
      const d = diffMaps(a, version(doc));
      const all = [...d.steps.changed, ...d.partners.changed];
      expect(all.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(
        all.every((c) => c.moved && !c.edited),
        `seed ${seed}`,
      ).toBe(true);
      expect(d.flows.changed).toEqual([]);
      expect(d.steps.added.length + d.steps.removed.length).toBe(0);
    }
  });

  it('seeded content edits only are all edits, never moves', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const gen = prng.create(seed);
      const doc = fixtureDoc();
      const a = version(doc);
      const map = readMap(doc);
      for (let i = 0; i < 10; i++) {
        const r = prng.uint32(gen, 0, 2);
        if (r === 0) updateStep(doc, prng.oneOf(gen, [...map.steps]).id, { label: `L${prng.word(gen, 1, 8)}` });
        else if (r === 1)
          updateFlow(doc, prng.oneOf(gen, [...map.flows]).id, { status: 'problem', note: prng.word(gen, 1, 9) });
        else updatePartner(doc, prng.oneOf(gen, [...map.partners]).id, { description: prng.word(gen, 1, 9) });
      }
      const d = diffMaps(a, version(doc));
      const all = [...d.steps.changed, ...d.flows.changed, ...d.partners.changed];
      expect(all.length).toBeGreaterThan(0);
      expect(
        all.every((c) => c.edited && !c.moved),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('names the changed fields with old and new values; a step both moved and relabelled is both', () => {
    const doc = fixtureDoc();
    const a = version(doc);
    const before = readMap(doc).stepById.get('uwv1')!;
    moveSteps(doc, [{ id: 'uwv1', x: before.x + 200, y: before.y }]);
    updateStep(doc, 'uwv1', { label: 'Polis bijwerken' });
    updateStep(doc, 'bd1', { kind: 'decision' });
    const d = diffMaps(a, version(doc));
    const uwv1 = d.steps.changed.find((c) => c.id === 'uwv1')!;
    expect(uwv1).toMatchObject({ moved: true, edited: true });
    expect(uwv1.changes).toEqual([
      { field: 'label', from: before.label, to: 'Polis bijwerken' },
      { field: 'x', from: before.x, to: before.x + 200 },
    ]);
    expect(d.steps.changed.find((c) => c.id === 'bd1')!.changes).toEqual([
      { field: 'kind', from: 'activity', to: 'decision' },
    ]);
  });

  it('a lane added moves no other lane; a lane dragged to the top is the one that moved', () => {
    const doc = fixtureDoc();
    const a = version(doc);
    addPartner(doc, { id: 'svb', name: 'SVB', order: -1 });
    expect(diffMaps(a, version(doc)).partners.changed).toEqual([]);
    const b = version(doc);
    movePartner(doc, 'afnemers', 0);
    const d = diffMaps(b, version(doc));
    expect(d.partners.changed.map((c) => [c.id, c.moved, c.edited])).toEqual([['afnemers', true, false]]);
    expect(d.partners.changed[0]!.changes).toEqual([{ field: 'order', from: 5, to: 0 }]);
  });
});

describe('[SH-V3] a diff that does not fit', () => {
  it('throws a DiffConflict naming the entity, and leaves the version as it was', () => {
    const doc = fixtureDoc();
    const a = version(doc);
    updateStep(doc, 'wg1', { label: 'Nieuw' });
    const d = diffMaps(a, version(doc));
    const other = parseMapFile(exportJson(fixtureDoc()).replace('"Salarisadministratie bijwerken"', '"Anders"'));
    const copy = JSON.stringify(other);
    expect(() => applyDiff(other, d)).toThrow(DiffConflict);
    expect(() => applyDiff(other, d)).toThrow(/step wg1: label/);
    expect(JSON.stringify(other)).toBe(copy);
    expect(() => applyDiff(version(doc), d)).toThrow(/step wg1/);
  });
});

describe('[SH-V4] what changed for one partner', () => {
  it('lists its steps and the koppelvlakken that touch it, in either version', () => {
    const doc = fixtureDoc();
    const a = version(doc);
    updateStep(doc, 'uwv2', { label: 'Gegevens leveren aan afnemers' }); // edited, in UWV
    updateFlow(doc, 'f5', { status: 'problem', note: 'vertraging' }); // bd -> uwv
    removeSteps(doc, ['cbs2']); // CBS only
    moveStepToPartner(doc, 'bd3', 'uwv'); // leaves bd, enters uwv
    connect(doc, { id: 'fx', from: 'uwv1', to: 'af1', label: 'Polis' }); // uwv -> afnemers
    const b = version(doc);
    const d = diffMaps(a, b);
    const byPartner = new Map(changesByPartner(d, a, b).map((p) => [p.partnerId, p]));
    const uwv = byPartner.get('uwv')!;
    expect(uwv.name).toBe('UWV');
    expect(uwv.steps).toEqual({ added: [], removed: [], edited: ['uwv2'], moved: ['bd3'] });
    // f6 (bd2 -> bd3) was internal to bd and now crosses to uwv: it changed what it connects.
    expect(uwv.koppelvlakken).toEqual({ added: ['fx'], removed: [], changed: ['f5', 'f6'] });
    expect(byPartner.get('bd')!.steps.moved).toEqual(['bd3']);
    expect(byPartner.get('cbs')!.steps.removed).toEqual(['cbs2']);
    expect(byPartner.get('cbs')!.koppelvlakken.changed).toEqual([]);
    expect(byPartner.get('werkgever')!.total).toBe(0);
  });
});

describe('[SH-V5] restore origin', () => {
  it('importing a version with origin restore is one transaction an undo manager tracking restore undoes', () => {
    const doc = fixtureDoc();
    const old = exportJson(doc);
    updateStep(doc, 'wg1', { label: 'Nieuw' });
    removeSteps(doc, ['cbs2']);
    const now = exportJson(doc);
    const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local, ORIGINS.restore]) });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    importJson(doc, old, ORIGINS.restore);
    expect(transactions).toBe(1);
    expect(exportJson(doc)).toBe(old);
    undo.undo();
    expect(exportJson(doc)).toBe(now);
  });
});

describe('[SH-V6] drawing versions', () => {
  it('versionSnapshot of a version equals readMap of a document holding it', () => {
    for (const seed of [1, 2, 3]) {
      const { files } = versions(seed, 3, 25);
      for (const f of files) {
        const doc = new Y.Doc();
        importJson(doc, JSON.stringify(f));
        const live = readMap(doc);
        const drawn = versionSnapshot(f);
        expect(drawn.partners).toEqual(live.partners);
        expect(drawn.steps).toEqual(live.steps);
        expect(drawn.flows).toEqual(live.flows);
        expect(drawn.meta).toEqual(live.meta);
      }
    }
  });

  it('comparisonVersion puts removed lanes, steps and flows back where they were', () => {
    const doc = fixtureDoc();
    const a = version(doc);
    removePartner(doc, 'uwv', { steps: 'remove' });
    removeSteps(doc, ['wg1']);
    const b = version(doc);
    const shown = versionSnapshot(comparisonVersion(a, b, diffMaps(a, b)));
    expect(shown.partners.map((p) => p.id)).toEqual(['werkgever', 'bd', 'uwv', 'cbs', 'afnemers']);
    expect(shown.stepById.get('uwv1')).toEqual(versionSnapshot(a).stepById.get('uwv1'));
    expect(shown.stepById.has('wg1')).toBe(true);
    expect(shown.flowById.has('f5')).toBe(true);
    expect(shown.flowById.has('f1')).toBe(true);
  });
});
