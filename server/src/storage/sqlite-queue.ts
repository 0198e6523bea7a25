/** The order of the SQLite backend's calls while a write runs in its thread (rule SV-S13). */
import { attempt } from './attempt.js';

/**
 * Calls in the order made. A call made while a write is under way in the storage thread waits its
 * turn behind it, so the two connections never write at once and a read never misses an earlier
 * write; with none under way, a call on this thread runs at once (one synchronous better-sqlite3
 * call, no hop).
 */
export class CallQueue {
  /** Settles once every queued call has; null while none is queued. */
  #tail: Promise<void> | null = null;
  #queued = 0;

  /** Runs `fn` at once, or after the calls queued before it. */
  now<T>(fn: () => T): Promise<T> {
    return this.#tail === null ? attempt(fn) : this.queue(fn);
  }

  /** Runs `fn` after the calls queued before it; the calls made meanwhile wait until it has settled. */
  queue<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = (this.#tail ?? Promise.resolve()).then(fn);
    this.#queued++;
    const settled = (): void => {
      if (--this.#queued === 0) this.#tail = null;
    };
    this.#tail = result.then(settled, settled);
    return result;
  }

  /** Settles once every call queued so far, and every call queued meanwhile, has. */
  async drained(): Promise<void> {
    while (this.#tail) await this.#tail;
  }
}
