import type { FieldChange, MapFile } from '@ketenkaart/shared';
import type { TFunction } from 'i18next';
import type { VersionRef } from '../store/historyUi';
import { laneNodeId } from '../store/laneNodeIds';
import type { Mark } from './marks';
import type { Comparison } from './useHistoryState';

/** One line of the change list: what changed, how, and the field changes (CL-V3). */
export interface ChangeEntry {
  /** The node or edge it selects on the canvas; undefined for the map's own fields. */
  readonly target: string | undefined;
  readonly what: 'map' | 'partner' | 'step' | 'flow';
  readonly name: string;
  readonly mark: Mark;
  /** "label: Oud → Nieuw" for each field that changed. */
  readonly details: readonly string[];
}

/** Names of steps and partners in either version, the newer first. */
function names(c: Comparison) {
  const step = new Map<string, string>();
  const partner = new Map<string, string>();
  for (const v of [c.from, c.to] as MapFile[]) {
    for (const s of v.steps) step.set(s.id, s.label || s.id);
    for (const p of v.partners) partner.set(p.id, p.name);
  }
  return { step, partner };
}

const text = (value: unknown, t: TFunction, partner: Map<string, string>, field: string): string => {
  if (value === undefined || value === '') return t('history.changes.empty');
  if (field === 'partner' && typeof value === 'string') return partner.get(value) ?? value;
  if (field === 'order' && typeof value === 'number') return String(value + 1);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
};

/** The field changes as lines ("naam: Oud → Nieuw"). */
export function fieldLines(changes: readonly FieldChange[], t: TFunction, partner: Map<string, string>): string[] {
  return changes.map((c) =>
    t('history.changes.field', {
      field: t(`history.fields.${c.field}`, { defaultValue: c.field }),
      from: text(c.from, t, partner, c.field),
      to: text(c.to, t, partner, c.field),
      interpolation: { escapeValue: false },
    }),
  );
}

/** Every change of a comparison as list entries: the map, then partners, steps and flows. */
export function changeEntries(c: Comparison, t: TFunction): ChangeEntry[] {
  const { step, partner } = names(c);
  const d = c.diff;
  const flowName = (f: { label?: string | undefined; from: string; to: string }) =>
    f.label || `${step.get(f.from) ?? f.from} → ${step.get(f.to) ?? f.to}`;
  const out: ChangeEntry[] = [];
  if (d.meta.length > 0)
    out.push({
      target: undefined,
      what: 'map',
      name: c.to.title,
      mark: 'edited',
      details: fieldLines(d.meta, t, partner),
    });
  const kinds = [
    ['partner', d.partners, (p: { id: string; name: string }) => p.name, laneNodeId],
    ['step', d.steps, (s: { label: string; id: string }) => s.label || s.id, (id: string) => id],
    ['flow', d.flows, flowName, (id: string) => id],
  ] as const;
  for (const [what, diff, name, target] of kinds) {
    const named = name as (e: unknown) => string;
    for (const e of diff.added) out.push({ target: target(e.id), what, name: named(e), mark: 'added', details: [] });
    for (const e of diff.removed)
      out.push({ target: target(e.id), what, name: named(e), mark: 'removed', details: [] });
    for (const ch of diff.changed) {
      out.push({
        target: target(ch.id),
        what,
        name: named(ch.after),
        mark: ch.edited ? 'edited' : 'moved',
        details: fieldLines(ch.changes, t, partner),
      });
    }
  }
  return out;
}

/** A version's name for people: its own, or why it was taken automatically. */
export function versionName(v: Pick<VersionRef, 'name' | 'kind' | 'reason'> | 'current', t: TFunction): string {
  if (v === 'current') return t('history.now');
  return v.kind === 'named' ? v.name : t(`history.auto.${v.reason ?? 'daily'}`);
}

/** A snapshot's time in the page's language. */
export function versionTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
