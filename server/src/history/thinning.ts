/** Which automatic snapshots to let go as they age (rule SV-V3). Pure: the list and the time in, ids out. */
import type { SnapshotRecord } from '../storage/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Automatic snapshots younger than this are all kept. */
export const KEEP_ALL_AUTO_MS = 30 * DAY_MS;
/** Automatic snapshots a map keeps at most, however young; the oldest go first. */
export const MAX_AUTO_PER_MAP = 500;

/** The week a time falls in, weeks starting on Monday 00:00 UTC (1970-01-01 was a Thursday). */
const weekOf = (t: number): number => Math.floor((t + 3 * DAY_MS) / (7 * DAY_MS));

/**
 * The automatic snapshots to delete (rule SV-V3): of those older than 30 days, all but the newest
 * of each week (Monday to Sunday, UTC); then, should more than MAX_AUTO_PER_MAP remain, the
 * oldest beyond that. Named snapshots are never listed.
 */
export function snapshotsToThin(list: readonly SnapshotRecord[], now: number): string[] {
  const autos = list
    .filter((s) => s.kind === 'auto')
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const gone: string[] = [];
  const keptWeeks = new Set<number>();
  const kept: SnapshotRecord[] = [];
  for (const s of autos) {
    if (now - s.createdAt <= KEEP_ALL_AUTO_MS) kept.push(s);
    else if (keptWeeks.has(weekOf(s.createdAt))) gone.push(s.id);
    else {
      keptWeeks.add(weekOf(s.createdAt));
      kept.push(s);
    }
  }
  for (const s of kept.slice(MAX_AUTO_PER_MAP)) gone.push(s.id);
  return gone;
}
