/**
 * Per map, the seqs this storage instance has handed to its caller (rule SV-G3): the map's last
 * seq when loaded, the seqs of its own appends, the updates `loadUpdatesAfter` returned. With
 * several instances appending to one map, a room may not yet hold an update another instance
 * stored; a compaction through a seq past such a gap would delete a row its snapshot lacks. So
 * PostgreSQL's `compact` deletes rows only up to the highest seq below the first gap.
 */

/** Maps tracked at most; past it the table starts over (a forgotten map's compaction trusts its caller). */
const MAX_MAPS = 10_000;

interface Seen {
  /** Every seq up to this one was handed out. */
  contiguous: number;
  /** Seqs handed out above `contiguous + 1` (appends that got ahead of updates not yet read). */
  readonly ahead: Set<number>;
}

export class SeenSeqs {
  readonly #maps = new Map<string, Seen>();

  /** The map was loaded whole: everything through `lastSeq` is known, nothing after. */
  loaded(id: string, lastSeq: number): void {
    if (this.#maps.size >= MAX_MAPS && !this.#maps.has(id)) this.#maps.clear();
    this.#maps.set(id, { contiguous: lastSeq, ahead: new Set() });
  }

  /** These seqs of a tracked map were handed out (appended, or read after a known seq). */
  add(id: string, seqs: Iterable<number>): void {
    const seen = this.#maps.get(id);
    if (!seen) return;
    for (const seq of seqs) if (seq > seen.contiguous) seen.ahead.add(seq);
    while (seen.ahead.delete(seen.contiguous + 1)) seen.contiguous++;
  }

  /** The highest seq through which every update was handed out, or undefined for an untracked map. */
  contiguous(id: string): number | undefined {
    return this.#maps.get(id)?.contiguous;
  }

  forget(id: string): void {
    this.#maps.delete(id);
  }
}
