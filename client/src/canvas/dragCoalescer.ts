/** Schedules a callback for the next frame; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

export const animationFrames: FrameScheduler = (callback) => {
  const handle = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(handle);
};

/**
 * Collects the positions of a drag and hands at most one batch per animation frame
 * to `flush` (the latest position of every moved item). `finish` flushes at once.
 */
export class DragCoalescer<T extends { readonly id: string }> {
  private pending = new Map<string, T>();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly flush: (batch: T[]) => void,
    private readonly schedule: FrameScheduler = animationFrames,
  ) {}

  push(items: readonly T[]): void {
    for (const item of items) this.pending.set(item.id, item);
    if (this.cancel === null && this.pending.size > 0) {
      this.cancel = this.schedule(() => {
        this.cancel = null;
        this.drain();
      });
    }
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

  private drain(): void {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flush(batch);
  }
}
