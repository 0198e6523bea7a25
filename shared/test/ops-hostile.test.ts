import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  moveStepToPartner,
  ORIGINS,
  readMap,
  removePartner,
  removeSteps,
  reorderPartners,
  roots,
  undoScope,
} from '../src/index.js';
import { randomOp } from './random-ops.js';

type Kind = 'partners' | 'steps' | 'flows';
const KINDS: readonly Kind[] = ['partners', 'steps', 'flows'];
const SEEDS = [1, 2, 3, 4, 5, 6];
const OPS = 300;

/** A value a buggy or hostile peer might put where an entity map belongs. */
function junkValue(gen: prng.PRNG): unknown {
  switch (prng.uint32(gen, 0, 6)) {
    case 0:
      return 'not a map';
    case 1:
      return prng.int32(gen, -5, 5);
    case 2:
      return null;
    case 3:
      return [1, 'two'];
    case 4:
      return { partner: 'p', label: 'looks like a step' };
    case 5:
      return new Y.Array<unknown>();
    default:
      return new Y.Text('tekst');
  }
}

/** A field value of the wrong type, written into a real entity. */
function junkField(gen: prng.PRNG): unknown {
  return prng.oneOf(gen, [42, null, true, { id: 'x' }, ['p'], '', Number.NaN]);
}

/** What a raw value under a root looks like, to check it is left as written. */
const shape = (v: unknown): string =>
  v instanceof Y.AbstractType ? v.constructor.name : v === undefined ? 'undefined' : JSON.stringify(v);

describe('[SH-M11] operations skip what peers wrote that is not an entity', () => {
  it('removePartner reassigns steps past a non-map value under steps', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    addPartner(doc, { id: 'q', name: 'Q' });
    addStep(doc, { id: 's', partner: 'p', label: 'S', x: 0, y: 20 });
    const r = roots(doc);
    r.steps.set('junk', 'not a map' as never);
    r.steps.set('arr', new Y.Array() as never);
    expect(removePartner(doc, 'p', { steps: 'reassign', to: 'q' })).toBe(true);
    expect(readMap(doc).stepById.get('s')?.partner).toBe('q');
    expect(r.steps.get('junk')).toBe('not a map');
    expect(r.steps.get('arr')).toBeInstanceOf(Y.Array);
    expect(r.partners.has('p')).toBe(false);
  });

  it('every other operation that walks a root passes junk by', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    addPartner(doc, { id: 'q', name: 'Q' });
    addStep(doc, { id: 's', partner: 'p', label: 'S', x: 0, y: 20 });
    addStep(doc, { id: 't', partner: 'q', label: 'T', x: 0, y: 20 });
    connect(doc, { id: 'f', from: 's', to: 't' });
    const r = roots(doc);
    for (const kind of KINDS) r[kind].set('junk', 7 as never);
    r.partners.set('bad', new Y.Text('x') as never);
    reorderPartners(doc, ['q', 'bad', 'junk', 'p']);
    expect(readMap(doc).partners.map((p) => p.id)).toEqual(['q', 'p']);
    expect(moveStepToPartner(doc, 'junk', 'p')).toBe(false);
    expect(removeSteps(doc, ['junk', 's'])).toBe(1);
    expect(removePartner(doc, 'junk', { steps: 'remove' })).toBe(false);
    expect(removePartner(doc, 'q', { steps: 'remove' })).toBe(true);
    expect(readMap(doc).steps).toEqual([]);
    for (const kind of KINDS) expect(r[kind].get('junk')).toBe(7);
  });

  it.each(SEEDS)('seed %i: random edits among junk from a peer never throw and leave the junk alone', (seed) => {
    const gen = prng.create(seed);
    const doc = new Y.Doc();
    const hostile = new Y.Doc();
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== ORIGINS.remote) Y.applyUpdate(hostile, u, ORIGINS.remote);
    });
    hostile.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== ORIGINS.remote) Y.applyUpdate(doc, u, ORIGINS.remote);
    });
    const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]), captureTimeout: 0 });
    const log: string[] = [];
    /** Junk written under its own ids, which no honest operation creates: kind/id -> shape. */
    const junk = new Map<string, string>();
    for (let n = 0; n < OPS; n++) {
      if (prng.uint32(gen, 0, 9) < 2) {
        const h = roots(hostile);
        const kind = prng.oneOf(gen, [...KINDS]);
        const entities = [...h[kind].keys()].filter((id) => !id.startsWith('junk') && h[kind].get(id) instanceof Y.Map);
        if (entities.length > 0 && prng.bool(gen)) {
          // A real entity with a mistyped field (the step's partner, a flow's end, a lane's order).
          const id = prng.oneOf(gen, entities);
          const field = { partners: 'order', steps: 'partner', flows: prng.bool(gen) ? 'from' : 'to' }[kind];
          log.push(`hostile: ${kind}/${id}.${field} = junk`);
          h[kind].get(id)?.set(field, junkField(gen));
        } else {
          const id = `junk${n}`;
          const value = junkValue(gen);
          log.push(`hostile: ${kind}/${id} = ${shape(value)}`);
          h[kind].set(id, value as never);
          junk.set(`${kind}/${id}`, shape(value));
        }
        continue;
      }
      try {
        randomOp(gen, { doc, undo }, log, 0);
        readMap(doc);
      } catch (e) {
        throw new Error(`seed ${seed}: ${String(e)}\nlast ops:\n${log.slice(-20).join('\n')}`, { cause: e });
      }
    }
    expect(junk.size).toBeGreaterThan(10);
    const r = roots(doc);
    for (const [key, expected] of junk) {
      const [kind, id] = key.split('/') as [Kind, string];
      expect(`${key}: ${shape(r[kind].get(id))}`).toBe(`${key}: ${expected}`);
    }
    expect(log.some((op) => op.includes('reassign'))).toBe(true);
  });
});
