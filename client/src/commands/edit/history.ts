import { importJson, ORIGINS, type MapFile } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import type { UndoController } from '../../session/undo/UndoController';

/**
 * Makes an old version the map's content (rule CL-V5): one transaction with origin `restore`, so
 * it reaches everyone as one update and is one undo step of its own for this person (the undo
 * controller tracks `restore`; a peer's restore arrives as a remote update it does not track).
 * Entities are updated in place by id (SH-J8): nothing of the map's later history is deleted.
 */
export function restoreVersion(doc: Y.Doc, undo: UndoController, file: MapFile): void {
  undo.separate();
  importJson(doc, JSON.stringify(file), ORIGINS.restore);
  undo.separate();
}
