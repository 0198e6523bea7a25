import { importJson, readMap, removeSteps, updatePartner, updateStep, type MapFile } from '@ketenkaart/shared';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChainSearch, MAX_HITS, MAX_QUERY_CHARS } from '../src/browse/search/ChainSearch';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';

function templateDoc(): Y.Doc {
  const doc = new Y.Doc();
  const file: MapFile = {
    ...loonaangifteketen,
    steps: loonaangifteketen.steps.map((s) =>
      s.id === 'u1'
        ? {
            ...s,
            description: 'Houdt lonen en uitkeringen per inkomstenverhouding bij.',
            contact: 'Team Polis (Ans Jansen)',
          }
        : s,
    ),
  };
  importJson(doc, JSON.stringify(file));
  return doc;
}

const labels = (hits: readonly { label: string }[]): string[] => hits.map((h) => h.label);

describe('[CL-B2] the browse search', () => {
  const doc = templateDoc();
  const search = new ChainSearch();
  search.update(readMap(doc));

  it('[CL-B2] finds steps by label, description and contact, partners by name, flows by label', () => {
    expect(search.search('inkomstenverhouding').map((h) => `${h.kind}:${h.label}`)).toEqual(
      expect.arrayContaining(['flow:Gegevens inkomstenverhouding', 'step:Polisadministratie bijwerken']),
    );
    expect(search.search('ans jansen')[0]).toMatchObject({ kind: 'step', id: 'u1', partner: 'UWV' });
    expect(search.search('belastingdienst')[0]).toMatchObject({ kind: 'partner', id: 'belastingdienst' });
    const flow = search.search('herstelverzoek')[0];
    expect(flow).toMatchObject({ kind: 'flow', id: 'f4', partner: 'Belastingdienst', toPartner: 'Werkgever' });
  });

  it('[CL-B2] ignores case and accents, and forgives small typos', () => {
    expect(search.search('POLISADMINISTRATIE')[0]?.id).toBe('u1');
    expect(search.search('pólisadministratie')[0]?.id).toBe('u1');
    expect(search.search('Polisadminstratie')[0]?.id).toBe('u1');
    expect(search.search('statistek')[0]?.id).toBe('c1');
  });

  it('[CL-B2] prefix matches: a label that starts with the query comes first', () => {
    const hits = labels(search.search('loon'));
    const starts = hits.filter((l) => l.toLowerCase().startsWith('loon'));
    expect(starts.sort()).toEqual([
      'Loonaangifte',
      'Loonaangifte ontvangen',
      'Loonaangifte opstellen',
      'Loonheffing innen',
    ]);
    expect(hits.slice(0, 4).sort()).toEqual(starts);
    // Werkgever matches by its description ("Doet elke periode loonaangifte."): after them.
    expect(hits.indexOf('Werkgever')).toBeGreaterThanOrEqual(4);
    // Several words: all must match when some entry has them all.
    expect(labels(search.search('loonaangifte ontv'))[0]).toBe('Loonaangifte ontvangen');
  });

  it('[CL-B2] an empty query finds nothing; a query is cut at its limit; results are capped', () => {
    expect(search.search('   ')).toEqual([]);
    const long = `polis${' x'.repeat(MAX_QUERY_CHARS)}`;
    expect(() => search.search(long)).not.toThrow();
    const many = new ChainSearch();
    const d = new Y.Doc();
    importJson(
      d,
      JSON.stringify({
        format: 'ketenkaart',
        version: 1,
        title: 't',
        partners: [{ id: 'p', name: 'P' }],
        steps: Array.from({ length: 50 }, (_, i) => ({
          id: `s${i}`,
          partner: 'p',
          label: `Controle ${i}`,
          x: i * 200,
          y: 20,
        })),
        flows: [],
      }),
    );
    many.update(readMap(d));
    expect(many.search('controle')).toHaveLength(MAX_HITS);
  });

  it('[CL-B2] live edits are indexed incrementally: only what changed is touched', () => {
    const d = templateDoc();
    const s = new ChainSearch();
    expect(s.update(readMap(d))).toBe(s.size);
    expect(s.update(readMap(d))).toBe(0);
    updateStep(d, 'b3', { label: 'Premies innen' });
    expect(s.update(readMap(d))).toBe(1);
    expect(s.search('premies')[0]?.id).toBe('b3');
    expect(labels(s.search('loonheffing'))).not.toContain('Loonheffing innen');
    removeSteps(d, ['c2']);
    s.update(readMap(d));
    expect(s.search('publicatie')).toEqual([]);
    // A renamed partner re-indexes its steps (the partner shows with each step).
    updatePartner(d, 'cbs', { name: 'Statistiekbureau' });
    expect(s.update(readMap(d))).toBe(3); // the partner and its one remaining step, and its flow
    expect(s.search('statistiekbureau').map((h) => h.kind)).toContain('step');
  });

  it('[CL-B2] seeded edits: the incremental index answers like one built from scratch', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const gen = prng.create(seed);
      const d = templateDoc();
      const live = new ChainSearch();
      live.update(readMap(d));
      const ids = ['w1', 'w2', 'b1', 'b2', 'b3', 'u1', 'u2', 'c1', 'c2', 'a1'];
      for (let i = 0; i < 30; i++) {
        const id = prng.oneOf(gen, ids);
        if (prng.bool(gen)) updateStep(d, id, { label: `Stap ${prng.word(gen, 3, 8)}` });
        else updateStep(d, id, { description: prng.word(gen, 3, 8) });
        live.update(readMap(d));
      }
      const fresh = new ChainSearch();
      fresh.update(readMap(d));
      for (const q of ['stap', 'loon', 'polis', 'a', 'ui']) {
        expect(
          live
            .search(q)
            .map((h) => h.id)
            .sort(),
          `seed ${seed}, query ${q}`,
        ).toEqual(
          fresh
            .search(q)
            .map((h) => h.id)
            .sort(),
        );
      }
    }
  });
});
