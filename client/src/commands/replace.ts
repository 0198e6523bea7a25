<<<<<<< HEAD
import { applyMapFile, layoutOnImport, ORIGINS, readMap, type MapFile, type MapSnapshot } from '@ketenkaart/shared';
import * as Y from 'yjs';
import { layoutRequest, type Layouter } from '../session/layout/layoutRequest';
import type { UndoController } from '../session/undo/UndoController';

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
=======
/**
 * Replacing the map's content (rule CL-J1). The counts the dialog shows are here; the
 * replacement itself is in the edit kit, loaded for editors only (rule CL-Z2).
 */
import type { MapFile, MapSnapshot } from '@ketenkaart/shared';
import { kit } from './editKit';
import type * as Edit from './edit/replace';
>>>>>>> ops

export const laidOutFile: typeof Edit.laidOutFile = (...a) => kit().replace.laidOutFile(...a);
export const replaceContent: typeof Edit.replaceContent = (...a) => kit().replace.replaceContent(...a);

/** What a replacement removes and brings: the counts the dialog shows before asking. */
export interface ContentCounts {
  readonly partners: number;
  readonly steps: number;
  readonly flows: number;
}

export function countsOf(content: MapSnapshot | MapFile): ContentCounts {
  const partners =
    'partnerById' in content ? content.partners.filter((p) => !p.unassigned).length : content.partners.length;
  return { partners, steps: content.steps.length, flows: content.flows.length };
}
