/**
 * What waits for a room's stores (rules SV-S2, SV-S4): an accepted update is in the document at
 * once, but its broadcast, and anything sent after it, runs only once it is stored, in the
 * order the updates were accepted. One failed store stops the chain: nothing after it runs.
 */
export class StoreChain {
  /** Settles once every task chained so far has run; rejects once one failed. */
  #tail: Promise<void> = Promise.resolve();
  /** Tasks chained that have not run yet. */
  #waiting = 0;

  /** Runs `task` after everything chained before it; never if one of those failed. */
  then(task: () => void | Promise<void>): Promise<void> {
    this.#waiting++;
    const next = this.#tail.then(async () => {
      try {
        await task();
      } finally {
        this.#waiting--;
      }
    });
    next.catch(() => {});
    this.#tail = next;
    return next;
  }

  /** Runs `send` at once when nothing is waiting, else after what is (SV-S2). */
  afterAll(send: () => void | Promise<void>): Promise<void> {
    return this.#waiting === 0 ? Promise.resolve(send()) : this.then(send);
  }

  /** Settles when everything chained so far has run; rejects if a task failed. */
  get done(): Promise<void> {
    return this.#tail;
  }
}
