/** Schedules a callback for the next frame; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

const animationFrames: FrameScheduler = (callback) => {
  const handle = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(handle);
};

/**
 * Hands the positions of a drag to `flush` at most once per animation frame: the
 * first move of a frame goes out at once (no added latency), later moves in the same
 * frame are merged (latest position of every item) and go out when the frame ends.
 * `finish` flushes whatever is pending at once.
 */
export class DragCoalescer<T extends { readonly id: string }> {
  private pending = new Map<string, T>();
  /** Non-null while this frame's flush has been used; cancels the frame callback. */
  private cancel: (() => void) | null = null;

  constructor(
    private readonly flush: (batch: T[]) => void,
    private readonly schedule: FrameScheduler = animationFrames,
  ) {}

  push(items: readonly T[]): void {
    for (const item of items) this.pending.set(item.id, item);
    if (this.cancel === null) this.drainAndWait();
  }

  /** Flushes what is pending now (e.g. on drop) and cancels the scheduled frame. */
  finish(items: readonly T[] = []): void {
    for (const item of items) this.pending.set(item.id, item);
    this.cancel?.();
    this.cancel = null;
    this.drain();
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending.clear();
  }

  /** Flushes now if anything is pending, then blocks further flushes until the next frame. */
  private drainAndWait(): void {
    if (this.pending.size === 0) return;
    this.drain();
    this.cancel = this.schedule(() => {
      this.cancel = null;
      this.drainAndWait();
    });
  }

  private drain(): void {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flush(batch);
  }
}
