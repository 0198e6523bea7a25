import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULTS,
  exportJson,
  importJson,
  LIMITS,
  parseMapFile,
  readMap,
  roots,
  UNASSIGNED_EXPORT_NAME,
  type MapSnapshot,
} from '../src/index.js';
import { toMapFile } from '../src/json/normalise.js';
import { fixtureDoc } from './helpers.js';

/** A plain Y.Map with these fields, as any y-websocket client can write it without the model's ops. */
function yMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** A value for the op log: a Yjs type by its kind (it cannot be read before it is in a doc). */
const show = (v: unknown, max: number): string =>
  v instanceof Y.AbstractType ? v.constructor.name : String(JSON.stringify(v)).slice(0, max);

/** Export, check the file imports, import it into a fresh doc, and check the second export is the same text. */
function roundTrip(doc: Y.Doc): ReturnType<typeof parseMapFile> {
  const first = exportJson(doc);
  const file = parseMapFile(first);
  const again = new Y.Doc();
  importJson(again, first);
  expect(exportJson(again)).toBe(first);
  return file;
}

describe('every map exports to a file that imports again (SH-J14)', () => {
  it('[SH-J14] the plain-Yjs writes the ops refuse are normalised on export, and the file imports', () => {
    const doc = fixtureDoc();
    const r = roots(doc);
    doc.transact(() => {
      r.meta.set('title', 'T'.repeat(300));
      r.steps.set('bad id!', yMap({ partner: 'werkgever', label: 'spatie in id', x: 10, y: 10 }));
      r.steps.set('long', yMap({ partner: 'werkgever', label: 'L'.repeat(400), x: 20.6, y: 10 }));
      r.flows.set('', yMap({ from: 'wg1', to: 'long', label: 'lege id' }));
      r.flows.set('to-bad', yMap({ from: 'wg1', to: 'bad id!' }));
      for (let i = 0; i < 501; i++)
        r.partners.set(`extra${String(i).padStart(3, '0')}`, yMap({ name: `E${i}`, order: 10 + i }));
      r.steps.set('on-last', yMap({ partner: 'extra500', label: 'op de 501e baan', x: 0, y: 0 }));
    });
    expect(readMap(doc).partners).toHaveLength(5 + 501);
    const file = roundTrip(doc);
    expect(file.title).toBe('T'.repeat(LIMITS.titleChars));
    expect(file.steps.map((s) => s.id)).not.toContain('bad id!');
    expect(file.steps.find((s) => s.id === 'long')).toMatchObject({ label: 'L'.repeat(LIMITS.labelChars), x: 21 });
    expect(file.flows.map((f) => f.id)).not.toContain('');
    expect(file.flows.map((f) => f.id)).not.toContain('to-bad');
    // 500 lanes: the first 499 by lane order, and the unassigned lane for the steps of the rest.
    expect(file.partners).toHaveLength(LIMITS.partners);
    expect(file.partners.slice(0, 5).map((p) => p.id)).toEqual(['werkgever', 'bd', 'uwv', 'cbs', 'afnemers']);
    expect(file.partners.at(-2)?.id).toBe('extra493');
    expect(file.partners.at(-1)).toMatchObject({ id: 'unassigned', name: UNASSIGNED_EXPORT_NAME });
    expect(file.steps.find((s) => s.id === 'on-last')?.partner).toBe('unassigned');
  });

  it('[SH-J14] ids the format refuses are left out, with what hangs on them', () => {
    const doc = new Y.Doc();
    const r = roots(doc);
    r.partners.set('bad partner', yMap({ name: 'B' }));
    r.partners.set('x'.repeat(LIMITS.idChars + 1), yMap({ name: 'Long' }));
    r.partners.set('ok', yMap({ name: '', description: 'D'.repeat(LIMITS.descriptionChars + 5) }));
    r.steps.set('a', yMap({ partner: 'bad partner', label: 'A', contact: '😀'.repeat(LIMITS.contactChars) }));
    r.steps.set('b', yMap({ partner: 'ok', label: 'B' }));
    r.flows.set('f', yMap({ from: 'a', to: 'b', note: 'n'.repeat(LIMITS.noteChars + 1) }));
    const file = roundTrip(doc);
    expect(file.partners).toEqual([
      { id: 'ok', name: 'ok', color: DEFAULTS.partner.color, description: 'D'.repeat(LIMITS.descriptionChars) },
      { id: 'unassigned', name: UNASSIGNED_EXPORT_NAME, color: DEFAULTS.partner.color, description: '' },
    ]);
    expect(file.steps.find((s) => s.id === 'a')?.partner).toBe('unassigned');
    // Cut between whole characters: 500 emoji are 1,000 UTF-16 units; a cut never splits a pair.
    expect(file.steps.find((s) => s.id === 'a')?.contact).toBe('😀'.repeat(LIMITS.contactChars / 2));
    expect(file.flows[0]?.note).toHaveLength(LIMITS.noteChars);
  });

  it('[SH-J14] more steps and flows than the limits: the first ones in snapshot order are kept', () => {
    const steps = Array.from({ length: LIMITS.steps + 3 }, (_, i) => ({
      id: `s${String(i).padStart(5, '0')}`,
      partner: 'p',
      label: '',
      kind: 'activity' as const,
      description: '',
      contact: '',
      x: i,
      y: 0,
    }));
    const flows = Array.from({ length: LIMITS.flows + 3 }, (_, i) => ({
      id: `f${String(i).padStart(5, '0')}`,
      from: steps[i % steps.length]!.id,
      to: steps[(i + 1) % steps.length]!.id,
      label: '',
      kind: 'document' as const,
      status: 'ok' as const,
      note: '',
    }));
    const partner = { id: 'p', name: 'P', color: '#123456', order: 0, description: '', unassigned: false };
    const snapshot = {
      meta: { title: '', description: '', schemaVersion: 1 },
      partners: [partner],
      steps,
      flows,
    } as unknown as MapSnapshot;
    const file = toMapFile(snapshot);
    expect(file.steps).toHaveLength(LIMITS.steps);
    expect(file.steps.at(-1)?.id).toBe(`s${LIMITS.steps - 1}`);
    // Flows to a step that was left out go too; of the rest, the first 50,000.
    expect(file.flows.every((f) => f.to !== `s${LIMITS.steps}` && f.from !== `s${LIMITS.steps}`)).toBe(true);
    expect(file.flows.length).toBeLessThanOrEqual(LIMITS.flows);
    expect(() => parseMapFile(JSON.stringify(file))).not.toThrow();
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`[SH-J14] random plain-Yjs writes from peers always export to a file that imports, and round-trips (seed ${seed})`, () => {
      const gen = prng.create(seed);
      const log: string[] = [];
      const doc = fixtureDoc();
      const r = roots(doc);
      const kinds = { partners: r.partners, steps: r.steps, flows: r.flows } as const;
      const text = (): string => {
        const n = prng.oneOf(gen, [0, 1, 5, 199, 200, 201, 300, 301, 1_000, 1_001, 5_001, 10_001]);
        const unit = prng.oneOf(gen, ['a', 'é', '😀', '\ud800', '"', '\\', '<', ' ']);
        return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      };
      const id = (): string =>
        prng.oneOf(gen, [
          `id${prng.uint32(gen, 0, 40)}`,
          'bad id!',
          '',
          'x'.repeat(129),
          '~unassigned',
          'unassigned',
          '__proto__',
          'é',
          'wg1',
          'werkgever',
          'bd',
        ]);
      const value = (): unknown =>
        prng.oneOf(gen, [
          () => text(),
          () => prng.oneOf(gen, [Number.NaN, Infinity, -Infinity, 1e9, -1e9, -3, 3.5, 0, 120]),
          () => prng.bool(gen),
          () => null,
          () => yMap({ nested: text() }),
          () => new Y.Array<unknown>(),
          () =>
            prng.oneOf(gen, ['start', 'problem', 'information', '#abc', '#12345z', 'wg1', 'bd1', 'cbs2', 'werkgever']),
        ])();
      const fields = {
        partners: ['name', 'color', 'order', 'description'],
        steps: ['partner', 'label', 'kind', 'description', 'contact', 'x', 'y'],
        flows: ['from', 'to', 'label', 'kind', 'status', 'note'],
      } as const;
      try {
        for (let op = 0; op < 120; op++) {
          const kind = prng.oneOf(gen, ['partners', 'steps', 'flows'] as const);
          const parent = kinds[kind];
          const choice = prng.uint32(gen, 0, 9);
          if (choice <= 3) {
            const key = id();
            const entries = fields[kind].filter(() => prng.bool(gen)).map((f) => [f, value()] as const);
            const shown = entries.map(([f, v]) => `${f}: ${show(v, 30)}`).join(', ');
            log.push(`${kind}.set(${JSON.stringify(key)}, { ${shown} })`);
            parent.set(key, yMap(Object.fromEntries(entries)));
          } else if (choice <= 6 && parent.size > 0) {
            const key = prng.oneOf(gen, [...parent.keys()]);
            const target = parent.get(key);
            const field = prng.oneOf(gen, [...fields[kind]]);
            const v = value();
            log.push(`${kind}[${JSON.stringify(key)}].${field} = ${show(v, 80)}`);
            if (target instanceof Y.Map) target.set(field, v);
          } else if (choice === 7) {
            const key = id();
            const v = value();
            log.push(`${kind}.set(${JSON.stringify(key)}, non-map ${show(v, 40)})`);
            parent.set(key, v as Y.Map<unknown>);
          } else if (choice === 8 && parent.size > 0) {
            const key = prng.oneOf(gen, [...parent.keys()]);
            log.push(`${kind}.delete(${JSON.stringify(key)})`);
            parent.delete(key);
          } else {
            const field = prng.oneOf(gen, ['title', 'description', 'schemaVersion']);
            const v = value();
            log.push(`meta.${field} = ${show(v, 80)}`);
            r.meta.set(field, v);
          }
          if (op === 60 && prng.bool(gen)) {
            log.push('... 520 partners');
            doc.transact(() => {
              for (let i = 0; i < 520; i++) r.partners.set(`bulk${op}-${i}`, yMap({ name: 'B', order: -i }));
            });
          }
          if (op % 10 === 9) roundTrip(doc);
        }
      } catch (error) {
        throw new Error(`seed ${seed} failed after:\n${log.slice(-20).join('\n')}\n${String(error)}`, { cause: error });
      }
    });
  }
});
