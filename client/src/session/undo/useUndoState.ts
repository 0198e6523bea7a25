import { useSyncExternalStore } from 'react';
import type { UndoController, UndoState } from './UndoController';

/** Whether undo and redo are possible (the toolbar buttons). */
export function useUndoState(undo: UndoController): UndoState {
  return useSyncExternalStore(
    (l) => undo.subscribe(l),
    () => undo.getState(),
  );
}
