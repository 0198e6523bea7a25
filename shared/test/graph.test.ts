import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  downstream,
  koppelvlakken,
  partnerSummaries,
  readMap,
  upstream,
} from '../src/index.js';
import { fixtureDoc } from './helpers.js';

describe('graph queries', () => {
  it('[SH-G1] downstream and upstream are transitive with depth, nearest first', () => {
    const map = readMap(fixtureDoc());
    const down = downstream(map, 'bd2');
    expect(
      down
        .slice(0, 3)
        .map((r) => r.step)
        .sort(),
    ).toEqual(['bd3', 'uwv1', 'wg2']);
    expect(down.find((r) => r.step === 'cbs2')).toMatchObject({ depth: 4 });
    expect(down.map((r) => r.depth)).toEqual([...down.map((r) => r.depth)].sort((a, b) => a - b));
    const up = upstream(map, 'af1');
    expect(up[0]).toEqual({ step: 'uwv2', depth: 1, via: 'f8' });
    expect(up.map((r) => r.step)).toContain('wg1');
  });

  it('[SH-G1] cycles terminate, the start is not included, depth and kind filters apply', () => {
    const map = readMap(fixtureDoc());
    // wg2 -> bd1 -> bd2 -> wg2 is a cycle (Herstelverzoek)
    const down = downstream(map, 'wg2');
    expect(down.map((r) => r.step)).not.toContain('wg2');
    expect(new Set(down.map((r) => r.step)).size).toBe(down.length);
    expect(downstream(map, 'wg2', { maxDepth: 1 }).map((r) => r.step)).toEqual(['bd1']);
    expect(downstream(map, 'wg1', { kinds: ['sequence'] }).map((r) => r.step)).toEqual(['wg2']);
    expect(downstream(map, 'nope')).toEqual([]);
  });

  it('[SH-G2] koppelvlakken are the flows between different partners', () => {
    const ids = koppelvlakken(readMap(fixtureDoc()))
      .map((f) => f.id)
      .sort();
    expect(ids).toEqual(['f2', 'f4', 'f5', 'f8', 'f9']);
  });

  it('[SH-G3] partner summaries count steps, koppelvlakken and knelpunten', () => {
    const summaries = partnerSummaries(readMap(fixtureDoc()));
    const bd = summaries.find((s) => s.partner.id === 'bd')!;
    expect(bd).toMatchObject({ steps: 3, incoming: 1, outgoing: 2, internal: 2, attention: 1, problems: 1 });
    expect(bd.sendsTo).toEqual(['uwv', 'werkgever']);
    expect(bd.receivesFrom).toEqual(['werkgever']);
  });

  it('[SH-G1] a long chain is walked without recursion limits', () => {
    const doc = new Y.Doc();
    addPartner(doc, { id: 'p', name: 'P' });
    let prev = addStep(doc, { id: 's0', partner: 'p', label: '0' });
    for (let i = 1; i < 3000; i++) {
      const next = addStep(doc, { id: `s${i}`, partner: 'p', label: String(i) });
      connect(doc, { from: prev, to: next });
      prev = next;
    }
    const down = downstream(readMap(doc), 's0');
    expect(down).toHaveLength(2999);
    expect(down.at(-1)).toMatchObject({ step: 's2999', depth: 2999 });
  });
});
