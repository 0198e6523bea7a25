/**
 * Group commit of appends (rule SV-S2). Updates accepted in one turn of the event loop, from any
 * room, are stored in one transaction when the turn's I/O is done (`setImmediate`), and each
 * room broadcasts its updates once their transaction has committed. Under a burst of frames,
 * one commit then serves them all instead of one each; at a trickle it is one append per turn.
 * Transactions run one after another, in the order the updates were accepted; while one runs,
 * everything accepted meanwhile gathers for the next.
 */
import { timed, type Metrics } from '../metrics.js';
import type { Storage } from '../storage/types.js';

interface Pending {
  readonly id: string;
  readonly update: Uint8Array;
  readonly resolve: (seq: number) => void;
  readonly reject: (error: unknown) => void;
}

export class AppendBatch {
  #pending: Pending[] = [];
  #scheduled = false;
  /** Settles when the last transaction started has settled. */
  #flushed: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly metrics: Metrics,
  ) {}

  /** Stores `update` for map `id` in the next group commit; resolves with its seq once committed. */
  append(id: string, update: Uint8Array): Promise<number> {
    const stored = new Promise<number>((resolve, reject) => this.#pending.push({ id, update, resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        // The batch is taken when its transaction starts: what arrives while an earlier one
        // runs (a networked store takes milliseconds) waits for one next transaction, not one each.
        this.#flushed = this.#flushed.then(() => {
          this.#scheduled = false;
          const batch = this.#pending;
          this.#pending = [];
          return this.#commit(batch);
        });
      });
    }
    return stored;
  }

  async #commit(batch: readonly Pending[]): Promise<void> {
    try {
      const seqs = await timed(this.metrics, 'append', () => this.storage.appendUpdates(batch));
      batch.forEach((p, i) => p.resolve(seqs[i]!));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
