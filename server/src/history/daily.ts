/**
 * The daily automatic snapshot (rule SV-V2): the first change to a map on a day for which it has
 * no daily snapshot takes one of the document as it was just before that change. A room calls
 * `beforeChange` on every accepted update; all but the first of a day cost one map lookup.
 */
import type { Snapshots } from './snapshots.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Maps whose next due time is kept in memory; forgetting one costs one list on its next change. */
const DUE_CACHE = 10_000;

/** Decides, per map, whether a change is the first of a new day, and takes the snapshot then. */
export class DailySnapshots {
  readonly #due = new Map<string, number>();
  readonly #checking = new Set<string>();

  constructor(
    private readonly snapshots: Snapshots,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Called before a change is applied to a map; `before` gives the document's update parts as
   * they are now (immutable, so they may be used after the change). Never throws; the snapshot is
   * taken in the background and a failure is logged.
   */
  beforeChange(mapId: string, before: () => readonly Uint8Array[]): void {
    const due = this.#due.get(mapId);
    if ((due !== undefined && this.now() < due) || this.#checking.has(mapId)) return;
    const parts = before();
    this.#checking.add(mapId);
    this.#check(mapId, parts)
      .catch((e: unknown) => this.log(`daily snapshot of ${mapId} failed: ${String(e)}`))
      .finally(() => this.#checking.delete(mapId));
  }

  /** Settles once every check under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#checking.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  async #check(mapId: string, parts: readonly Uint8Array[]): Promise<void> {
    const list = await this.snapshots.list(mapId);
    const last = list.find((s) => s.reason === 'daily');
    const now = this.now();
    let due: number;
    if (last && now - last.createdAt < DAY_MS) due = last.createdAt + DAY_MS;
    else {
      await this.snapshots.take(mapId, parts, { kind: 'auto', reason: 'daily', author: '' });
      due = now + DAY_MS;
    }
    if (this.#due.size >= DUE_CACHE && !this.#due.has(mapId)) this.#due.clear();
    this.#due.set(mapId, due);
  }
}
