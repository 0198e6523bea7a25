import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPartner, addStep, DEFAULTS, laneBands, GEOMETRY, readMap, roots, UNASSIGNED_ID } from '../src/index.js';

/** Writes raw fields the way a buggy or hostile peer might. */
function raw(doc: Y.Doc, kind: 'partners' | 'steps' | 'flows', id: string, fields: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  roots(doc)[kind].set(id, map);
}

describe('readMap', () => {
  it('[SH-M6] falls back to defaults for missing and mistyped fields', () => {
    const doc = new Y.Doc();
    raw(doc, 'partners', 'p', { name: 42, color: 'javascript:alert(1)', order: 'first' });
    raw(doc, 'steps', 's', { partner: 'p', label: null, kind: 'rocket', x: Number.NaN, y: -50 });
    raw(doc, 'steps', 't', { partner: 'p', x: 1e12, y: Number.POSITIVE_INFINITY });
    raw(doc, 'flows', 'f', { from: 's', to: 't', kind: 7, status: 'on fire' });
    roots(doc).steps.set('junk', 'not a map' as never);
    const map = readMap(doc);
    expect(map.partners[0]).toMatchObject({ id: 'p', name: '', color: DEFAULTS.partner.color });
    expect(map.stepById.get('s')).toMatchObject({ label: '', kind: 'activity', x: 0, y: 0 });
    expect(map.stepById.get('t')).toMatchObject({ x: 1_000_000, y: 0 });
    expect(map.flowById.get('f')).toMatchObject({ kind: 'document', status: 'ok', label: '' });
    expect(map.stepById.has('junk')).toBe(false);
  });

  it('[SH-M7] a step whose partner is gone appears in the unassigned lane, last', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    raw(doc, 'steps', 'orphan', { partner: 'removed', label: 'Wees' });
    const map = readMap(doc);
    expect(map.partners.map((p) => p.id)).toEqual(['p', UNASSIGNED_ID]);
    expect(map.partners[1]?.unassigned).toBe(true);
    expect(map.stepById.get('orphan')?.partner).toBe(UNASSIGNED_ID);
  });

  it('[SH-M8] a flow to a missing step is not drawn', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    addStep(doc, { id: 's', partner: 'p', label: 'S' });
    raw(doc, 'flows', 'dangling', { from: 's', to: 'removed' });
    expect(readMap(doc).flows).toHaveLength(0);
  });

  it('[SH-M9] ties in order are broken by id; partners without numeric order go last; frozen', () => {
    const doc = new Y.Doc();
    raw(doc, 'partners', 'b', { name: 'B', order: 1 });
    raw(doc, 'partners', 'a', { name: 'A', order: 1 });
    raw(doc, 'partners', 'z', { name: 'Z' });
    raw(doc, 'partners', 'c', { name: 'C', order: 0 });
    const map = readMap(doc);
    expect(map.partners.map((p) => p.id)).toEqual(['c', 'a', 'b', 'z']);
    expect(Object.isFrozen(map.partners)).toBe(true);
    expect(Object.isFrozen(map.partners[0])).toBe(true);
  });

  it('[SH-M9] two peers with the same state read the same snapshot', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    raw(a, 'partners', 'x', { name: 'X', order: 0 });
    raw(b, 'partners', 'y', { name: 'Y', order: 0 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(JSON.stringify(readMap(a))).toBe(JSON.stringify(readMap(b)));
  });

  it('[SH-M4] lanes stack and grow to hold their lowest step', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'a', name: 'A' });
    addPartner(doc, { id: 'b', name: 'B' });
    addStep(doc, { partner: 'a', label: 'low', y: 300 });
    const bands = laneBands(readMap(doc));
    expect(bands[0]).toEqual({ partner: 'a', top: 0, height: 300 + GEOMETRY.stepHeight + GEOMETRY.lanePadding });
    expect(bands[1]).toEqual({ partner: 'b', top: bands[0]!.height, height: GEOMETRY.laneMinHeight });
  });
});
