import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  chainOrder,
  directNeighbours,
  followDocument,
  normaliseLabel,
  partnerFocus,
  readMap,
  roots,
  stepFocus,
  type MapSnapshot,
} from '../src/index.js';
import { chainMap, randomChainMap } from './chain-maps.js';
import { fixtureDoc } from './helpers.js';

const ALL = Number.POSITIVE_INFINITY;
const ids = (reach: readonly { step: string }[]): string[] => reach.map((r) => r.step);
const sorted = (set: Iterable<string>): string[] => [...set].sort();
/** The flow ids of `from>to` pairs in a chainMap. */
const flowIds = (map: MapSnapshot, ...pairs: string[]): string[] =>
  pairs
    .map((p) => {
      const [from, to] = p.split('>');
      const f = map.flows.find((x) => x.from === from && x.to === to);
      if (!f) throw new Error(`no flow ${p}`);
      return f.id;
    })
    .sort();

describe('[SH-Q3] step focus: upstream and downstream with depth', () => {
  it('[SH-Q3] a diamond: a side step lights only its own path, the top lights all', () => {
    const map = chainMap({ P: ['a', 'b'], Q: ['c', 'd'] }, ['a>b', 'a>c', 'b>d', 'c>d']);
    const b = stepFocus(map, 'b', ALL)!;
    expect(ids(b.before)).toEqual(['a']);
    expect(ids(b.after)).toEqual(['d']);
    expect(sorted(b.steps)).toEqual(['a', 'b', 'd']);
    expect(sorted(b.flows)).toEqual(flowIds(map, 'a>b', 'b>d'));
    const a = stepFocus(map, 'a', ALL)!;
    expect(a.after.map((r) => [r.step, r.depth])).toEqual([
      ['b', 1],
      ['c', 1],
      ['d', 2],
    ]);
    expect(sorted(a.flows)).toEqual(flowIds(map, 'a>b', 'a>c', 'b>d', 'c>d'));
    expect(a.before).toEqual([]);
  });

  it('[SH-Q2] a cycle ends; each step once; the start is neither before nor after itself', () => {
    const map = chainMap({ P: ['a', 'b'], Q: ['c'] }, ['a>b', 'b>c', 'c>a']);
    const a = stepFocus(map, 'a', ALL)!;
    expect(ids(a.before)).toEqual(['c', 'b']);
    expect(ids(a.after)).toEqual(['b', 'c']);
    expect(sorted(a.flows)).toEqual(flowIds(map, 'a>b', 'b>c', 'c>a'));
    const one = stepFocus(map, 'a', 1)!;
    expect(sorted(one.flows)).toEqual(flowIds(map, 'a>b', 'c>a'));
    expect(sorted(one.steps)).toEqual(['a', 'b', 'c']);
  });

  it('[SH-Q2] a self-loop is lit with its step but the step is not its own neighbour', () => {
    const map = chainMap({ P: ['a', 'b'] }, ['a>a', 'a>b']);
    const a = stepFocus(map, 'a', 1)!;
    expect(ids(a.after)).toEqual(['b']);
    expect(ids(a.before)).toEqual([]);
    expect(sorted(a.flows)).toEqual(flowIds(map, 'a>a', 'a>b'));
    expect(directNeighbours(map, 'a')!.before.map((e) => e.step.id)).toEqual(['a']);
  });

  it('[SH-Q3] depth 1, 2 and the whole chain', () => {
    const map = chainMap({ P: ['a', 'b'], Q: ['c', 'd', 'e'] }, ['a>b', 'b>c', 'c>d', 'd>e']);
    expect(ids(stepFocus(map, 'b', 1)!.after)).toEqual(['c']);
    expect(ids(stepFocus(map, 'b', 2)!.after)).toEqual(['c', 'd']);
    expect(ids(stepFocus(map, 'b', ALL)!.after)).toEqual(['c', 'd', 'e']);
    expect(sorted(stepFocus(map, 'b', 2)!.flows)).toEqual(flowIds(map, 'a>b', 'b>c', 'c>d'));
    expect(sorted(stepFocus(map, 'b', 2)!.steps)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('[SH-Q2] a long chain across partners is walked without recursion limits', () => {
    const lanes: Record<string, string[]> = {};
    const flows: string[] = [];
    for (let i = 0; i < 4000; i++) {
      (lanes[`p${i % 10}`] ??= []).push(`s${i}`);
      if (i > 0) flows.push(`s${i - 1}>s${i}:Doc ${i % 3}`);
    }
    const map = chainMap(lanes, flows);
    const f = stepFocus(map, 's0', ALL)!;
    expect(f.after).toHaveLength(3999);
    expect(f.after.at(-1)).toMatchObject({ step: 's3999', depth: 3999 });
    // Every flow of the chain crosses partners (i and i+1 sit in different lanes).
    expect(f.koppelvlakken).toHaveLength(3999);
    expect(stepFocus(map, 's3999', ALL)!.before.at(-1)).toMatchObject({ step: 's0', depth: 3999 });
  });

  it('[SH-Q3] dangling data: a flow to a missing step and a step of a missing partner are handled', () => {
    const doc = fixtureDoc();
    const r = roots(doc);
    doc.transact(() => {
      const flow = new Y.Map<unknown>();
      flow.set('from', 'wg2');
      flow.set('to', 'gone');
      r.flows.set('dangling', flow);
      (r.steps.get('bd3') as Y.Map<unknown>).set('partner', 'no-such-partner');
    });
    const map = readMap(doc);
    const f = stepFocus(map, 'wg2', ALL)!;
    expect(f.flows.has('dangling')).toBe(false);
    expect(f.steps.has('gone')).toBe(false);
    // bd3 is now in the unassigned lane and still downstream.
    expect(f.steps.has('bd3')).toBe(true);
    expect(stepFocus(map, 'gone', ALL)).toBeUndefined();
    expect(directNeighbours(map, 'gone')).toBeUndefined();
    expect(partnerFocus(map, 'no-such-partner')).toBeUndefined();
    expect(followDocument(map, 'dangling')).toBeUndefined();
  });

  it('[SH-Q3] documents received and sent, koppelvlakken with status and note, contacts by partner', () => {
    const map = readMap(fixtureDoc());
    const bd2 = stepFocus(map, 'bd2', 1)!;
    // bd2 receives only a sequence flow from bd1: no document.
    expect(bd2.received).toEqual([]);
    expect(bd2.sent.map((e) => [e.flow.label, e.step.id, e.partner?.name, e.koppelvlak])).toEqual([
      ['Herstelverzoek', 'wg2', 'Werkgever', true],
      ['Gegevens inkomstenverhouding', 'uwv1', 'UWV', true],
    ]);
    expect(bd2.koppelvlakken.map((f) => [f.id, f.status, f.note])).toEqual([
      ['f4', 'attention', 'Komt vaak te laat aan'],
      ['f5', 'problem', 'Hier ontstaan de meeste vragen'],
    ]);
    expect(bd2.contacts.map((g) => [g.partner?.name, g.contacts.map((c) => c.contact)])).toEqual([
      ['UWV', ['Team Polis']],
    ]);
    const whole = stepFocus(map, 'wg2', ALL)!;
    // Upstream far to near, then downstream near to far.
    expect(whole.koppelvlakken.map((f) => f.id)).toEqual(['f2', 'f4', 'f5', 'f8', 'f9']);
  });

  it('[SH-Q3] contacts are grouped per partner in lane order, nearest first, blanks left out', () => {
    const map = chainMap(
      {
        P: [{ id: 'a', contact: 'Ans' }, 'b'],
        Q: [
          { id: 'c', contact: 'Cor' },
          { id: 'd', contact: ' ' },
        ],
        R: [{ id: 'e', contact: 'Eef' }],
      },
      ['e>b', 'a>b', 'b>c', 'c>d'],
    );
    const f = stepFocus(map, 'b', ALL)!;
    expect(f.contacts.map((g) => [g.partnerId, g.contacts.map((c) => `${c.contact}@${c.depth}`)])).toEqual([
      ['P', ['Ans@1']],
      ['Q', ['Cor@1']],
      ['R', ['Eef@1']],
    ]);
  });
});

describe('[SH-Q5] follow a document', () => {
  it('[SH-Q5] the same document on several flows, however spelt, in chain order', () => {
    const map = chainMap({ P: ['a', 'b'], Q: ['c', 'd'] }, [
      'c>d:LOONAANGIFTE',
      'a>b:Loonaangifte',
      'b>c:  lóónaangifte ',
      'a>c:Herstelverzoek',
      'b>d~',
    ]);
    const trail = followDocument(map, 'f0')!;
    expect(trail.flows.map((f) => `${f.from}>${f.to}`)).toEqual(['a>b', 'b>c', 'c>d']);
    expect(sorted(trail.steps)).toEqual(['a', 'b', 'c', 'd']);
    expect(trail.label).toBe('LOONAANGIFTE');
    // A flow without a label names no document: it follows only itself.
    expect(followDocument(map, 'f4')!.flows.map((f) => f.id)).toEqual(['f4']);
    expect(normaliseLabel('  Één\tDocument ')).toBe('een document');
  });
});

describe('[SH-Q4] chain order', () => {
  it('[SH-Q4] a step comes after the steps that feed it; cycles are entered at their left-most step', () => {
    const order = chainOrder(readMap(fixtureDoc()));
    const at = (id: string): number => order.get(id)!;
    expect(at('wg1')).toBe(0);
    for (const [a, b] of [
      ['wg1', 'wg2'],
      ['bd1', 'bd2'],
      ['bd2', 'uwv1'],
      ['uwv1', 'uwv2'],
      ['uwv2', 'cbs1'],
      ['cbs1', 'cbs2'],
    ] as const)
      expect(at(a)).toBeLessThan(at(b));
    expect(order.size).toBe(10);
    const loop = chainOrder(
      chainMap(
        {
          P: [
            { id: 'b', x: 500 },
            { id: 'a', x: 100 },
          ],
        },
        ['a>b', 'b>a'],
      ),
    );
    expect([...loop.keys()]).toEqual(['a', 'b']);
  });
});

describe('[SH-Q6] partner focus', () => {
  it('[SH-Q6] steps in chain order, koppelvlakken in and out, partners it depends on and that depend on it', () => {
    const map = readMap(fixtureDoc());
    const bd = partnerFocus(map, 'bd')!;
    expect(bd.steps.map((s) => s.id)).toEqual(['bd1', 'bd2', 'bd3']);
    expect(bd.incoming.map((f) => f.id)).toEqual(['f2']);
    expect(bd.outgoing.map((f) => [f.id, f.status])).toEqual([
      ['f4', 'attention'],
      ['f5', 'problem'],
    ]);
    expect(bd.dependsOn.map((r) => [r.partner.id, r.depth])).toEqual([['werkgever', 1]]);
    expect(bd.dependents.map((r) => [r.partner.id, r.depth])).toEqual([
      ['werkgever', 1],
      ['uwv', 1],
      ['cbs', 2],
      ['afnemers', 2],
    ]);
    expect(sorted(bd.flowIds)).toEqual(['f2', 'f3', 'f4', 'f5', 'f6']);
    expect(sorted(bd.stepIds)).toEqual(['bd1', 'bd2', 'bd3', 'uwv1', 'wg2']);
    const cbs = partnerFocus(map, 'cbs')!;
    expect(cbs.dependents).toEqual([]);
    expect(cbs.dependsOn.map((r) => r.partner.id)).toEqual(['uwv', 'bd', 'werkgever']);
  });
});

/** Distances by repeated relaxation over all flows (Bellman-Ford): a reference independent of the BFS. */
function referenceDistances(map: MapSnapshot, start: string, direction: 'up' | 'down'): Map<string, number> {
  const d = new Map([[start, 0]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const f of map.flows) {
      const [near, far] = direction === 'down' ? [f.from, f.to] : [f.to, f.from];
      const dn = d.get(near);
      if (dn !== undefined && (d.get(far) ?? Infinity) > dn + 1) {
        d.set(far, dn + 1);
        changed = true;
      }
    }
  }
  return d;
}

describe('[SH-Q2] [SH-Q3] seeded random maps against a reference', () => {
  it('[SH-Q3] every focus equals what relaxation over all flows gives, at every depth', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const map = randomChainMap(seed, 30, 4, 45);
      for (const step of map.steps.slice(0, 10)) {
        for (const depth of [1, 2, ALL]) {
          const f = stepFocus(map, step.id, depth)!;
          const up = referenceDistances(map, step.id, 'up');
          const down = referenceDistances(map, step.id, 'down');
          const within = (d: Map<string, number>): string[] => [...d].filter(([, n]) => n <= depth).map(([id]) => id);
          const where = `seed ${seed}, step ${step.id}, depth ${depth}`;
          expect(sorted(f.steps), where).toEqual(sorted(new Set([...within(up), ...within(down)])));
          const lit = map.flows.filter(
            (fl) =>
              (up.has(fl.to) && up.get(fl.to)! + 1 <= depth) || (down.has(fl.from) && down.get(fl.from)! + 1 <= depth),
          );
          expect(sorted(f.flows), where).toEqual(sorted(lit.map((fl) => fl.id)));
          for (const r of f.before) expect(r.depth, where).toBe(up.get(r.step));
          for (const r of f.after) expect(r.depth, where).toBe(down.get(r.step));
          // Every lit flow has both ends lit.
          for (const id of f.flows) {
            const fl = map.flowById.get(id)!;
            expect(f.steps.has(fl.from) && f.steps.has(fl.to), where).toBe(true);
          }
        }
      }
      // Chain order covers every step once; follow-document groups are closed under the label.
      expect(new Set(chainOrder(map).values()).size).toBe(map.steps.length);
      for (const flow of map.flows.slice(0, 8)) {
        const trail = followDocument(map, flow.id)!;
        const key = normaliseLabel(flow.label);
        const expected = key ? map.flows.filter((x) => normaliseLabel(x.label) === key) : [flow];
        expect(sorted(trail.flows.map((x) => x.id)), `seed ${seed}`).toEqual(sorted(expected.map((x) => x.id)));
      }
    }
  });
});
