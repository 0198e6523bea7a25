/** Applying a diff to the version it was taken from (rule SH-V3). */
import { POSITION_FIELDS, type EntityDiff, type FieldChange, type MapDiff, type MapVersion } from './types.js';

/** The diff does not fit the version it is applied to; `message` names the entity and field. */
export class DiffConflict extends Error {
  override readonly name = 'DiffConflict';
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Fields = readonly string[];

/** `record` with `changes` written; a change to `undefined` removes the field. */
function patched<T extends object>(record: T, changes: readonly FieldChange[], what: string, skip: Fields): T {
  const out = { ...record } as Record<string, unknown>;
  for (const c of changes) {
    if (skip.includes(c.field)) continue;
    if (out[c.field] !== c.from) {
      throw new DiffConflict(
        `${what}: ${c.field} is ${JSON.stringify(out[c.field])}, the diff expects ${JSON.stringify(c.from)}`,
      );
    }
    if (c.to === undefined) delete out[c.field];
    else out[c.field] = c.to;
  }
  return out as T;
}
function applyEntities<T extends { id: string }>(
  list: readonly T[],
  d: EntityDiff<T>,
  kind: string,
  skip: Fields,
): T[] {
  const map = new Map(list.map((e) => [e.id, e]));
  for (const r of d.removed) {
    if (!map.delete(r.id)) throw new DiffConflict(`${kind} ${r.id}: removed by the diff, not in the version`);
  }
  for (const c of d.changed) {
    const e = map.get(c.id);
    if (!e) throw new DiffConflict(`${kind} ${c.id}: changed by the diff, not in the version`);
    map.set(c.id, patched(e, c.changes, `${kind} ${c.id}`, skip));
  }
  for (const a of d.added) {
    if (map.has(a.id)) throw new DiffConflict(`${kind} ${a.id}: added by the diff, already in the version`);
    map.set(a.id, a);
  }
  return [...map.values()];
}

/**
 * The version `diffMaps(a, b)` was taken to, rebuilt from `a` and the diff (rule SH-V3):
 * `applyDiff(a, diffMaps(a, b))` equals `b` for files as `exportJson` writes them (partners
 * in lane order, steps by lane, `x` and id, flows by id). A diff that does not fit `a` (an
 * entity missing or already there, a field whose old value differs) throws a `DiffConflict`.
 */
export function applyDiff<V extends MapVersion>(a: V, d: MapDiff): V {
  const partners = applyEntities(a.partners, d.partners, 'partner', POSITION_FIELDS.partners);
  const byIdP = new Map(partners.map((p) => [p.id, p]));
  if (d.partnerOrder.length !== byIdP.size || d.partnerOrder.some((id) => !byIdP.has(id))) {
    throw new DiffConflict('partner order: the diff does not list the partners the version ends with');
  }
  const lanes = new Map(d.partnerOrder.map((id, i) => [id, i]));
  const steps = applyEntities(a.steps, d.steps, 'step', []).sort(
    (x, y) =>
      (lanes.get(x.partner) ?? lanes.size) - (lanes.get(y.partner) ?? lanes.size) ||
      (x.x ?? 0) - (y.x ?? 0) ||
      byKey(x.id, y.id),
  );
  const flows = applyEntities(a.flows, d.flows, 'flow', []).sort((x, y) => byKey(x.id, y.id));
  const meta = patched({ title: a.title, description: a.description }, d.meta, 'map', []);
  const out = { ...a, title: meta.title, description: meta.description } as unknown as Record<string, unknown>;
  if (meta.description === undefined) delete out['description'];
  out['partners'] = d.partnerOrder.map((id) => byIdP.get(id)!);
  out['steps'] = steps;
  out['flows'] = flows;
  return out as V;
}
