import { ORIGINS, undoScope } from '@ketenkaart/shared';
import * as Y from 'yjs';

export interface UndoState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/**
 * Per-user undo: a Y.UndoManager over the whole map that tracks only this client's own
 * transactions, origin `local`, `layout` (a layout this person asked for) and `restore` (a version
 * this person brought back, CL-V5), so undo never
 * reverts another participant's change: a peer's layout arrives with the provider as origin.
 * A drag is bracketed with `beginGesture`/`endGesture` so that it undoes as one step.
 */
export class UndoController {
  private readonly manager: Y.UndoManager;
  private readonly listeners = new Set<() => void>();
  private state: UndoState = { canUndo: false, canRedo: false };
  private readonly normalTimeout: number;

  constructor(doc: Y.Doc, captureTimeout = 500) {
    this.normalTimeout = captureTimeout;
    this.manager = new Y.UndoManager(undoScope(doc), {
      trackedOrigins: new Set<unknown>([ORIGINS.local, ORIGINS.layout, ORIGINS.restore]),
      captureTimeout,
    });
    const refresh = (): void => this.refresh();
    this.manager.on('stack-item-added', refresh);
    this.manager.on('stack-item-popped', refresh);
    this.manager.on('stack-cleared', refresh);
  }

  undo(): boolean {
    return this.manager.undo() !== null;
  }

  redo(): boolean {
    return this.manager.redo() !== null;
  }

  /** Starts a gesture (a drag): everything until `endGesture` merges into one undo step. */
  beginGesture(): void {
    this.manager.stopCapturing();
    this.manager.captureTimeout = Number.POSITIVE_INFINITY;
  }

  endGesture(): void {
    this.manager.captureTimeout = this.normalTimeout;
    this.manager.stopCapturing();
  }

  /** Ends the current undo step: the next change starts a step of its own (a layout, CL-U5). */
  separate(): void {
    this.manager.stopCapturing();
  }

  getState(): UndoState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.listeners.clear();
    this.manager.destroy();
  }

  private refresh(): void {
    const next = { canUndo: this.manager.canUndo(), canRedo: this.manager.canRedo() };
    if (next.canUndo === this.state.canUndo && next.canRedo === this.state.canRedo) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}
