/** A version as something to draw: its snapshot, and the version that shows a comparison (rule SH-V6). */
import { DEFAULTS } from '../model/defaults.js';
import type { Flow, FlowKind, FlowStatus, MapSnapshot, Partner, Step, StepKind } from '../model/types.js';
import type { MapDiff, MapVersion, VersionFlow, VersionPartner, VersionStep } from './types.js';

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The frozen snapshot of a version, as `readMap` would give it of a document holding that
 * version (rule SH-V6): lanes in the version's order (`order` = index), steps by lane, `x`, id,
 * only flows whose two steps are there, by id; optional fields as their defaults.
 */
export function versionSnapshot(v: MapVersion): MapSnapshot {
  const partners: Partner[] = v.partners.map((p, order) => ({
    id: p.id,
    name: p.name,
    color: p.color ?? DEFAULTS.partner.color,
    order,
    description: p.description ?? DEFAULTS.partner.description,
    unassigned: false,
  }));
  const lane = new Map(partners.map((p) => [p.id, p.order]));
  const steps: Step[] = v.steps
    .filter((s) => lane.has(s.partner))
    .map((s) => ({
      id: s.id,
      partner: s.partner,
      label: s.label,
      kind: (s.kind ?? DEFAULTS.step.kind) as StepKind,
      description: s.description ?? DEFAULTS.step.description,
      contact: s.contact ?? DEFAULTS.step.contact,
      x: Math.round(s.x ?? 0),
      y: Math.max(0, Math.round(s.y ?? 0)),
    }))
    .sort((a, b) => lane.get(a.partner)! - lane.get(b.partner)! || a.x - b.x || byKey(a.id, b.id));
  const stepIds = new Set(steps.map((s) => s.id));
  const flows: Flow[] = v.flows
    .filter((f) => stepIds.has(f.from) && stepIds.has(f.to))
    .map((f) => ({
      id: f.id,
      from: f.from,
      to: f.to,
      label: f.label ?? DEFAULTS.flow.label,
      kind: (f.kind ?? DEFAULTS.flow.kind) as FlowKind,
      status: (f.status ?? DEFAULTS.flow.status) as FlowStatus,
      note: f.note ?? DEFAULTS.flow.note,
    }))
    .sort((a, b) => byKey(a.id, b.id));
  const freeze = <T>(list: T[]): readonly T[] => Object.freeze(list);
  return Object.freeze({
    meta: Object.freeze({ title: v.title, description: v.description ?? DEFAULTS.meta.description, schemaVersion: 1 }),
    partners: freeze(partners),
    steps: freeze(steps),
    flows: freeze(flows),
    partnerById: new Map(partners.map((p) => [p.id, p])),
    stepById: new Map(steps.map((s) => [s.id, s])),
    flowById: new Map(flows.map((f) => [f.id, f])),
  });
}

/**
 * The version that shows a comparison (rule SH-V6): the newer version `b` with what the diff
 * removed put back where it was in `a`, to be drawn as ghosts: a removed lane at its old place
 * among the lanes, removed steps at their old position (in their old lane, which is there again
 * if it was removed too), removed flows between steps that are drawn.
 */
export function comparisonVersion(a: MapVersion, b: MapVersion, d: MapDiff): MapVersion {
  const removedLanes = new Set(d.partners.removed.map((p) => p.id));
  const partners: VersionPartner[] = [...b.partners];
  a.partners.forEach((p, i) => {
    if (!removedLanes.has(p.id)) return;
    // After the lane that came before it in `a`, if that one is still there.
    const before = a.partners[i - 1];
    const at = before ? partners.findIndex((q) => q.id === before.id) + 1 : 0;
    partners.splice(at, 0, p);
  });
  const steps: VersionStep[] = [...b.steps, ...d.steps.removed];
  const flows: VersionFlow[] = [...b.flows, ...d.flows.removed];
  return { ...b, partners, steps, flows };
}
