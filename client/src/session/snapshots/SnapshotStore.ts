import { noChanges, ORIGINS, readMap, trackChanges, type MapChanges, type MapSnapshot } from '@ketenkaart/shared';
import type * as Y from 'yjs';

/** Runs `fn` once the current task is done (all updates that arrived together are in). */
function afterTask(fn: () => void): () => void {
  let cancelled = false;
  queueMicrotask(() => {
    if (!cancelled) fn();
  });
  return () => {
    cancelled = true;
  };
}

/**
 * The latest `readMap` snapshot of a doc, recomputed once for all the updates that
 * arrive together (one websocket message, one IndexedDB load), and shared by every
 * component. A remote edit is drawn in the next frame, not the one after. Only the entities
 * changed since the last snapshot are read again; the others keep their objects (shared rule
 * SH-M10), which is what lets the canvas skip them.
 */
export class SnapshotStore {
  private snapshot: MapSnapshot;
  private readonly listeners = new Set<() => void>();
  private cancel: (() => void) | null = null;
  private holding = false;
  private held = false;
  private changes: MapChanges = noChanges();
  private readonly untrack: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly schedule: (fn: () => void) => () => void = afterTask,
  ) {
    this.snapshot = readMap(doc);
    this.untrack = trackChanges(doc, () => this.changes);
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
    const changes = this.changes;
    this.changes = noChanges();
    this.snapshot = readMap(this.doc, { previous: this.snapshot, changes });
    for (const l of this.listeners) l();
  }

  /**
   * While on (during a local drag), local updates do not recompute the snapshot: the
   * dragged nodes are drawn from the drag itself. Remote updates still do. Turning it
   * off recomputes if anything was held back.
   */
  holdLocal(on: boolean): void {
    this.holding = on;
    if (!on && this.held) {
      this.held = false;
      this.refresh();
    }
  }

  destroy(): void {
    this.cancel?.();
    this.doc.off('update', this.onUpdate);
    this.untrack();
    this.listeners.clear();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (this.holding && origin === ORIGINS.local) {
      this.held = true;
      return;
    }
    this.held = false;
    if (this.cancel) return;
    this.cancel = this.schedule(() => {
      this.cancel = null;
      this.refresh();
    });
  };
}
