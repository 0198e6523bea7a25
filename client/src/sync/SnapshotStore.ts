import { readMap, type MapSnapshot } from '@ketenkaart/shared';
import type * as Y from 'yjs';

/**
 * The latest `readMap` snapshot of a doc, recomputed at most once per animation
 * frame however many updates arrive, and shared by every component.
 */
export class SnapshotStore {
  private snapshot: MapSnapshot;
  private readonly listeners = new Set<() => void>();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly schedule: (fn: () => void) => () => void = (fn) => {
      const handle = requestAnimationFrame(fn);
      return () => cancelAnimationFrame(handle);
    },
  ) {
    this.snapshot = readMap(doc);
    doc.on('update', this.onUpdate);
  }

  getSnapshot = (): MapSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Recomputes now (e.g. right after a local edit that the next render needs). */
  refresh(): void {
    this.cancel?.();
    this.cancel = null;
    this.snapshot = readMap(this.doc);
    for (const l of this.listeners) l();
  }

  destroy(): void {
    this.cancel?.();
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private readonly onUpdate = (): void => {
    if (this.cancel) return;
    this.cancel = this.schedule(() => {
      this.cancel = null;
      this.refresh();
    });
  };
}
