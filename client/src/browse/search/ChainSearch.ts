import { normaliseLabel, type MapSnapshot } from '@ketenkaart/shared';
import MiniSearch, { type SearchResult } from 'minisearch';

/** What a search result is: a step, a partner (lane) or a flow (a document). */
export type HitKind = 'step' | 'partner' | 'flow';

export interface Hit {
  readonly kind: HitKind;
  /** The step, partner or flow id in the map. */
  readonly id: string;
  readonly label: string;
  /** The partner the step sits in; for a flow, its from-partner's; for a partner, its own name. */
  readonly partner: string;
  /** A flow's to-partner when it crosses partners. */
  readonly toPartner: string;
}

/** The longest query looked at; the rest is ignored (typo tolerance costs grow with length). */
export const MAX_QUERY_CHARS = 100;
/** Results shown for one query. */
export const MAX_HITS = 20;

interface IndexedDoc extends Hit {
  /** `kind:id`: ids are unique per kind only. */
  readonly docId: string;
  /** The indexed texts in one string: a changed key means the entry is indexed again. */
  readonly key: string;
  readonly description: string;
  readonly contact: string;
}

const FIELDS = ['label', 'description', 'contact', 'partner', 'toPartner'] as const;

/** Words of 4 letters or more may have a typo (one in five letters), shorter ones not. */
const fuzzy = (term: string): number | false => (term.length >= 4 ? 0.2 : false);

/**
 * The browse search over partner names, step labels, descriptions, contacts and flow (document)
 * labels (rule CL-B2), on MiniSearch: case, accents and small typos do not matter, words match
 * by their beginning, and results whose label starts with the query come first. `update(map)`
 * re-indexes only what changed since the previous snapshot, so live edits keep it current.
 */
export class ChainSearch {
  private readonly index = new MiniSearch<IndexedDoc>({
    idField: 'docId',
    fields: [...FIELDS],
    storeFields: ['kind', 'id', 'label', 'partner', 'toPartner'],
    processTerm: (term) => normaliseLabel(term) || null,
    searchOptions: {
      prefix: true,
      fuzzy,
      boost: { label: 4, partner: 1.5, contact: 2, toPartner: 1, description: 1 },
    },
  });
  private readonly keys = new Map<string, string>();

  /** Brings the index up to date with `map`; returns how many entries it added, replaced or removed. */
  update(map: MapSnapshot): number {
    const next = new Map<string, IndexedDoc>();
    for (const p of map.partners) {
      if (p.unassigned) continue;
      add(next, {
        kind: 'partner',
        id: p.id,
        label: p.name,
        partner: p.name,
        toPartner: '',
        description: p.description,
        contact: '',
      });
    }
    for (const s of map.steps) {
      const partner = map.partnerById.get(s.partner);
      add(next, {
        kind: 'step',
        id: s.id,
        label: s.label,
        partner: partner && !partner.unassigned ? partner.name : '',
        toPartner: '',
        description: s.description,
        contact: s.contact,
      });
    }
    for (const f of map.flows) {
      if (!f.label.trim()) continue;
      const from = map.partnerById.get(map.stepById.get(f.from)?.partner ?? '');
      const to = map.partnerById.get(map.stepById.get(f.to)?.partner ?? '');
      add(next, {
        kind: 'flow',
        id: f.id,
        label: f.label,
        partner: from?.name ?? '',
        toPartner: to && to !== from ? to.name : '',
        description: f.note,
        contact: '',
      });
    }
    let changes = 0;
    for (const [docId] of this.keys) {
      if (next.has(docId)) continue;
      this.index.discard(docId);
      this.keys.delete(docId);
      changes++;
    }
    for (const [docId, doc] of next) {
      const had = this.keys.get(docId);
      if (had === doc.key) continue;
      if (had === undefined) this.index.add(doc);
      else this.index.replace(doc);
      this.keys.set(docId, doc.key);
      changes++;
    }
    return changes;
  }

  /** The best hits for `query`, best first (at most `MAX_HITS`). */
  search(query: string): Hit[] {
    const q = normaliseLabel(query.slice(0, MAX_QUERY_CHARS));
    if (!q) return [];
    let results = this.index.search(q, { combineWith: 'AND' });
    // Every word must match; when no entry has them all, any word will do.
    if (results.length === 0) results = this.index.search(q, { combineWith: 'OR' });
    const tier = (r: SearchResult): number => {
      const label = normaliseLabel(String(r['label'] ?? ''));
      if (label.startsWith(q)) return 0;
      if (label.split(' ').some((w) => w.startsWith(q))) return 1;
      return 2;
    };
    return results
      .map((r) => ({ r, tier: tier(r) }))
      .sort((a, b) => a.tier - b.tier || b.r.score - a.r.score)
      .slice(0, MAX_HITS)
      .map(({ r }) => ({
        kind: r['kind'] as HitKind,
        id: String(r['id']),
        label: String(r['label'] ?? ''),
        partner: String(r['partner'] ?? ''),
        toPartner: String(r['toPartner'] ?? ''),
      }));
  }

  /** Entries in the index (for tests and the bench). */
  get size(): number {
    return this.keys.size;
  }
}

function add(into: Map<string, IndexedDoc>, doc: Omit<IndexedDoc, 'key' | 'docId'>): void {
  const docId = `${doc.kind}:${doc.id}`;
  const key = [doc.label, doc.partner, doc.toPartner, doc.description, doc.contact].join('\u0000');
  into.set(docId, { ...doc, key, docId });
}
