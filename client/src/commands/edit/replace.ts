import { applyMapFile, layoutOnImport, ORIGINS, readMap, type MapFile } from '@ketenkaart/shared';
import * as Y from 'yjs';
import { layoutRequest, type Layouter } from '../../session/layout/layoutRequest';
import type { UndoController } from '../../session/undo/UndoController';

/**
 * The file with every step placed by the lane layout when shared's `layoutOnImport` says so
 * (rules CL-J5, SH-LY11), computed on a scratch document, so that the replacement is still
 * written in one transaction. `layout` is the page's layout worker (CL-AL1); any other file is
 * returned as it is.
 */
export async function laidOutFile(file: MapFile, layout: Layouter): Promise<MapFile> {
  if (!layoutOnImport(file)) return file;
  const scratch = new Y.Doc();
  try {
    applyMapFile(scratch, file);
    const moves = await layout(layoutRequest(readMap(scratch)));
    const at = new Map(moves.map((m) => [m.id, m]));
    return {
      ...file,
      steps: file.steps.map((s) => {
        const move = at.get(s.id);
        return move ? { ...s, x: move.x, y: move.y } : s;
      }),
    };
  } finally {
    scratch.destroy();
  }
}

/**
 * Replaces the map's content with a validated file (rule CL-J1): one transaction with origin
 * `local`, bracketed so that it is one undo step of its own for this person (it never merges
 * with an edit made just before or after), and one update for everyone. Entities keep their
 * ids where the file has them (shared's SH-J8).
 */
export function replaceContent(doc: Y.Doc, undo: UndoController, file: MapFile): void {
  undo.separate();
  applyMapFile(doc, file, ORIGINS.local);
  undo.separate();
}
