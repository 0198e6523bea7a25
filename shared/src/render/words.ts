/**
 * The words of the title block and the legend. Exports are in Dutch whatever the language of
 * the viewer's interface (rule SH-X1: the output does not depend on who exports it); the terms
 * are the editor's own Dutch ones (client/src/i18n/nl.ts).
 */
import type { FlowKind, FlowStatus, StepKind } from '../model/types.js';

export const WORDS = {
  untitled: 'Ketenkaart',
  legend: 'Legenda',
  snapshot: 'Momentopname',
  kind: {
    start: 'Startpunt',
    activity: 'Processtap',
    decision: 'Beslissing',
    register: 'Register / systeem',
    end: 'Eindpunt',
  } satisfies Record<StepKind, string>,
  flowKind: {
    document: 'Documentstroom',
    information: 'Informatiestroom',
    sequence: 'Volgorde',
  } satisfies Record<FlowKind, string>,
  koppelvlak: 'Koppelvlak (stroom tussen ketenpartners)',
  status: { attention: 'Aandacht nodig', problem: 'Knelpunt' } satisfies Record<Exclude<FlowStatus, 'ok'>, string>,
  unassigned: 'Niet toegewezen',
  substitute: 'teken dat het lettertype niet heeft (zie de kaart in de editor)',
  /** The mark of the "U bent hier" poster (the highlight option, SH-X2). */
  youAreHere: 'U bent hier',
} as const;

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** A date as Dutch writes it, in UTC (`30 november 2026`): the same on every machine. */
export function dutchDate(date: Date): string {
  if (!Number.isFinite(date.getTime())) return '';
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
