/**
 * Which of a map's stored updates a room holds (rules SV-N2, SV-N3). With several instances the
 * seqs of one map come from the database, one more per update (SV-G1), so the room knows the
 * highest seq through which it holds every update (the watermark) and which later ones it holds
 * already; a seq it lacks below one it holds is a gap to read from storage. Compaction may fold in
 * only what lies at or below the watermark.
 */
export class AppliedSeqs {
  #watermark: number;
  /** Seqs above the watermark the room holds; empty unless there is a gap. */
  readonly #ahead = new Set<number>();

  /**
   * `contiguous`: seqs follow each other without gaps (several instances). When false (one
   * instance, whose own appends are every update there is) the watermark is simply the highest
   * seq seen, whatever a backend's numbering.
   */
  constructor(
    readonly contiguous: boolean,
    watermark = 0,
  ) {
    this.#watermark = watermark;
  }

  /** Every update with a seq up to this is in the room's document. */
  get watermark(): number {
    return this.#watermark;
  }

  /** The room holds an update past a seq it lacks. */
  get hasGap(): boolean {
    return this.#ahead.size > 0;
  }

  /** The highest seq held. */
  get highest(): number {
    let max = this.#watermark;
    for (const s of this.#ahead) if (s > max) max = s;
    return max;
  }

  has(seq: number): boolean {
    return seq <= this.#watermark || this.#ahead.has(seq);
  }

  /** Records that the update with `seq` is in the document. */
  mark(seq: number): void {
    if (!this.contiguous) {
      if (seq > this.#watermark) this.#watermark = seq;
      return;
    }
    if (seq <= this.#watermark) return;
    this.#ahead.add(seq);
    while (this.#ahead.delete(this.#watermark + 1)) this.#watermark++;
  }

  /** Everything up to `seq` is in the document (a reload of the whole stored document). */
  markThrough(seq: number): void {
    if (seq > this.#watermark) this.#watermark = seq;
    for (const s of this.#ahead) if (s <= this.#watermark) this.#ahead.delete(s);
    while (this.#ahead.delete(this.#watermark + 1)) this.#watermark++;
  }
}
