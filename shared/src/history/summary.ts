/** What changed for one partner: its lane, its steps and the koppelvlakken that touch it (rule SH-V4). */
import type { MapDiff, MapVersion, VersionFlow, VersionPartner, VersionStep } from './types.js';

/** Ids of what changed, each list in the order of the diff. */
export interface PartnerChanges {
  readonly partnerId: string;
  /** Its name in the newer version (the older one's if it was removed). */
  readonly name: string;
  /** What happened to the lane itself: `moved` is a change of place among the lanes only. */
  readonly lane: 'added' | 'removed' | 'edited' | 'moved' | 'same';
  readonly steps: {
    readonly added: string[];
    readonly removed: string[];
    readonly edited: string[];
    readonly moved: string[];
  };
  /** Flows that cross from or to this partner in either version. */
  readonly koppelvlakken: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  /** The number of entries in `steps` and `koppelvlakken` (lane change not counted). */
  readonly total: number;
}

/** Whether a flow crosses lanes, with the lanes of its two ends, in one version. */
const crossing = (f: VersionFlow, steps: ReadonlyMap<string, VersionStep>): readonly string[] => {
  const from = steps.get(f.from)?.partner;
  const to = steps.get(f.to)?.partner;
  return from !== undefined && to !== undefined && from !== to ? [from, to] : [];
};

/**
 * The changes of `d` (taken from `a` to `b`) per partner (rule SH-V4), partners in `b`'s lane
 * order followed by the ones removed: a step counts for the partner it is in in either version
 * (a step moved between lanes counts for both); a flow counts for every partner at an end of it
 * in a version where it is a koppelvlak (SH-G2).
 */
export function changesByPartner(d: MapDiff, a: MapVersion, b: MapVersion): PartnerChanges[] {
  const stepsA = new Map(a.steps.map((s) => [s.id, s]));
  const stepsB = new Map(b.steps.map((s) => [s.id, s]));
  const partnersA = new Map(a.partners.map((p) => [p.id, p]));
  const lanes: VersionPartner[] = [...b.partners, ...a.partners.filter((p) => !b.partners.some((q) => q.id === p.id))];
  const entry = new Map<string, { -readonly [K in keyof PartnerChanges]: PartnerChanges[K] }>();
  const added = new Set(d.partners.added.map((p) => p.id));
  const removed = new Set(d.partners.removed.map((p) => p.id));
  const changed = new Map(d.partners.changed.map((c) => [c.id, c]));
  for (const p of lanes) {
    const c = changed.get(p.id);
    entry.set(p.id, {
      partnerId: p.id,
      name: p.name || partnersA.get(p.id)?.name || p.id,
      lane: added.has(p.id)
        ? 'added'
        : removed.has(p.id)
          ? 'removed'
          : c?.edited
            ? 'edited'
            : c?.moved
              ? 'moved'
              : 'same',
      steps: { added: [], removed: [], edited: [], moved: [] },
      koppelvlakken: { added: [], removed: [], changed: [] },
      total: 0,
    });
  }
  const note = (partners: Iterable<string | undefined>, push: (e: PartnerChanges) => void): void => {
    for (const id of new Set(partners)) {
      const e = id === undefined ? undefined : entry.get(id);
      if (e) {
        push(e);
        e.total++;
      }
    }
  };
  for (const s of d.steps.added) note([s.partner], (e) => e.steps.added.push(s.id));
  for (const s of d.steps.removed) note([s.partner], (e) => e.steps.removed.push(s.id));
  for (const c of d.steps.changed) {
    note([c.before.partner, c.after.partner], (e) => (c.edited ? e.steps.edited : e.steps.moved).push(c.id));
  }
  for (const f of d.flows.added) note(crossing(f, stepsB), (e) => e.koppelvlakken.added.push(f.id));
  for (const f of d.flows.removed) note(crossing(f, stepsA), (e) => e.koppelvlakken.removed.push(f.id));
  for (const c of d.flows.changed) {
    note([...crossing(c.before, stepsA), ...crossing(c.after, stepsB)], (e) => e.koppelvlakken.changed.push(c.id));
  }
  // A flow whose ends moved to other lanes changes what it connects, though its own fields did not.
  const listed = new Set([...d.flows.changed.map((c) => c.id), ...d.flows.added.map((f) => f.id)]);
  for (const f of b.flows) {
    if (listed.has(f.id)) continue;
    const was = crossing(f, stepsA).join('>');
    const now = crossing(f, stepsB).join('>');
    if (was !== now) note([...crossing(f, stepsA), ...crossing(f, stepsB)], (e) => e.koppelvlakken.changed.push(f.id));
  }
  return [...entry.values()];
}
