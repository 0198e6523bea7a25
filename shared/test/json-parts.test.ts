/**
 * SH-J15: a new map written in parts reads and exports as one written in a single transaction,
 * and every prefix of its parts is a whole document (no part waits for a later one).
 */
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapFile, createInParts, exportJson, parseMapFile, readMap, type MapFile } from '../src/index.js';
import { randomChainMap } from './chain-maps.js';

/** A seeded file; with `unplaced`, about a third of its steps have no position (SH-J7). */
function randomFile(seed: number, unplaced: boolean): MapFile {
  const gen = prng.create(seed);
  const map = randomChainMap(seed, prng.uint32(gen, 1, 60), prng.uint32(gen, 1, 6), prng.uint32(gen, 0, 90));
  const doc = new Y.Doc();
  applyMapFile(doc, {
    format: 'ketenkaart',
    version: 1,
    title: map.meta.title,
    partners: map.partners.map((p) => ({ id: p.id, name: p.name })),
    steps: map.steps.map((s) => ({ id: s.id, partner: s.partner, label: s.label, x: s.x, y: s.y })),
    flows: map.flows.map((f) => ({ id: f.id, from: f.from, to: f.to, label: f.label, kind: f.kind })),
  });
  const file = parseMapFile(exportJson(doc));
  if (!unplaced) return file;
  return {
    ...file,
    steps: file.steps.map((s) => (prng.uint32(gen, 0, 2) === 0 ? { ...s, x: undefined, y: undefined } : s)),
  };
}

function inParts(file: MapFile, parts: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  createInParts(doc, file, parts);
  return updates;
}

describe('[SH-J15] a new map written in parts', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const unplaced of [false, true]) {
      it(`seed ${seed}${unplaced ? ', some steps without a position' : ''}: the same map as one transaction`, () => {
        const file = randomFile(seed, unplaced);
        const whole = new Y.Doc();
        applyMapFile(whole, file);
        const expected = exportJson(whole);
        for (const parts of [1, 2, 3, 7, file.steps.length + 5]) {
          const updates = inParts(file, parts);
          expect(updates.length).toBeGreaterThan(0);
          expect(updates.length).toBeLessThanOrEqual(Math.max(1, parts));
          if (parts >= 2 && file.steps.length >= 2) expect(updates.length).toBeGreaterThan(1);
          const doc = new Y.Doc();
          for (const [i, u] of updates.entries()) {
            Y.applyUpdate(doc, u);
            // Nothing waits for a later part: each prefix is a whole document.
            expect(doc.store.pendingStructs, `part ${i} of ${parts}`).toBeNull();
            expect(doc.store.pendingDs, `part ${i} of ${parts}`).toBeNull();
          }
          expect(exportJson(doc)).toBe(expected);
          // The parts merged are the update a store would compact them into, the same map again.
          const merged = new Y.Doc();
          Y.applyUpdate(merged, Y.mergeUpdates(updates));
          expect(readMap(merged)).toEqual(readMap(doc));
        }
      });
    }
  }

  it('a file without steps is one part', () => {
    const file: MapFile = { format: 'ketenkaart', version: 1, title: 'Leeg', partners: [], steps: [], flows: [] };
    const updates = inParts(file, 4);
    expect(updates).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, updates[0]!);
    expect(readMap(doc).meta.title).toBe('Leeg');
  });
});
