/** The differences between two versions of a map (rules SH-V1, SH-V2). */
import {
  CONTENT_FIELDS,
  POSITION_FIELDS,
  type EntityChange,
  type EntityDiff,
  type FieldChange,
  type MapDiff,
  type MapVersion,
  type VersionPartner,
} from './types.js';

type Fields = readonly string[];

const fieldChanges = (a: object, b: object, fields: Fields): FieldChange[] => {
  const before = a as Record<string, unknown>;
  const after = b as Record<string, unknown>;
  return fields.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, from: before[f], to: after[f] }));
};

/** Entities by id; the first of a duplicated id wins (a valid file has none, SH-J2). */
const byId = <T extends { id: string }>(list: readonly T[]): Map<string, T> => {
  const map = new Map<string, T>();
  for (const e of list) if (!map.has(e.id)) map.set(e.id, e);
  return map;
};

function entityDiff<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  content: Fields,
  position: Fields,
  movedExtra: (id: string) => FieldChange | undefined = () => undefined,
): EntityDiff<T> {
  const was = byId(before);
  const now = byId(after);
  const changed: EntityChange<T>[] = [];
  for (const b of now.values()) {
    const a = was.get(b.id);
    if (!a) continue;
    const edits = fieldChanges(a, b, content);
    const moves = fieldChanges(a, b, position);
    const extra = movedExtra(b.id);
    if (extra) moves.push(extra);
    if (edits.length + moves.length === 0) continue;
    changed.push({
      id: b.id,
      before: a,
      after: b,
      changes: [...edits, ...moves],
      moved: moves.length > 0,
      edited: edits.length > 0,
    });
  }
  return {
    added: [...now.values()].filter((e) => !was.has(e.id)),
    removed: [...was.values()].filter((e) => !now.has(e.id)),
    changed,
  };
}

/**
 * The partners whose lane moved (SH-V2): of the partners in both versions, those outside a
 * longest run that kept its relative order. Adding or removing a lane moves no other lane, and
 * dragging one lane to the top moves that lane only.
 */
function movedLanes(before: readonly VersionPartner[], after: readonly VersionPartner[]): Set<string> {
  const was = new Map(before.map((p, i) => [p.id, i]));
  const common = after.filter((p) => was.has(p.id)).map((p) => ({ id: p.id, at: was.get(p.id)! }));
  // Longest increasing subsequence of the old positions, O(n log n), with back links.
  const tails: number[] = [];
  const prev: number[] = new Array<number>(common.length).fill(-1);
  common.forEach((c, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (common[tails[mid]!]!.at < c.at) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<string>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]!) kept.add(common[i]!.id);
  return new Set(common.filter((c) => !kept.has(c.id)).map((c) => c.id));
}

/**
 * Every difference from version `a` to version `b` (rule SH-V1): partners, steps and flows
 * added, removed and changed, each change with its fields (old → new) and told apart as a move
 * or an edit (SH-V2); the title and description. Ids identify entities: an entity whose id
 * changed is one removed and one added. Pure and deterministic; never throws on a valid file.
 */
export function diffMaps(a: MapVersion, b: MapVersion): MapDiff {
  const lanesMoved = movedLanes(a.partners, b.partners);
  const oldIndex = new Map(a.partners.map((p, i) => [p.id, i]));
  const newIndex = new Map(b.partners.map((p, i) => [p.id, i]));
  return {
    meta: fieldChanges(a, b, CONTENT_FIELDS.meta),
    partners: entityDiff(a.partners, b.partners, CONTENT_FIELDS.partners, [], (id) =>
      lanesMoved.has(id)
        ? { field: POSITION_FIELDS.partners[0], from: oldIndex.get(id), to: newIndex.get(id) }
        : undefined,
    ),
    steps: entityDiff(a.steps, b.steps, CONTENT_FIELDS.steps, POSITION_FIELDS.steps),
    flows: entityDiff(a.flows, b.flows, CONTENT_FIELDS.flows, POSITION_FIELDS.flows),
    partnerOrder: b.partners.map((p) => p.id),
  };
}

/** True when the diff holds no difference at all. */
export function isEmptyDiff(d: MapDiff): boolean {
  const none = (e: EntityDiff<unknown>): boolean => e.added.length + e.removed.length + e.changed.length === 0;
  return d.meta.length === 0 && none(d.partners) && none(d.steps) && none(d.flows);
}
