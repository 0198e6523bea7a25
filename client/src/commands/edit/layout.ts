import { applyLayout, layoutSnapshot, readMap, type ElkEngine } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import type { UndoController } from '../../session/undo/UndoController';

/**
 * Lays out the map, or only the steps of `selection` (the rest stays put), and writes the result
 * in one transaction with origin `layout` (rules CL-AL3, CL-AL4, CL-U5): one undo step of its own for this
 * person, one update for everyone. Nothing but this command starts a layout, and it runs only when
 * a person asks, never from an observer of the document (no layout answering a layout).
 * Returns how many steps the layout placed.
 */
export async function layoutMap(
  doc: Y.Doc,
  undo: UndoController,
  elk: ElkEngine,
  selection?: readonly string[],
): Promise<number> {
  const map = readMap(doc);
  const steps = selection?.filter((id) => map.stepById.has(id));
  if (steps?.length === 0) return 0;
  const result = await layoutSnapshot(map, elk, steps ? { selection: steps } : {});
  // Writing the moves makes React redraw every moved step: a task of its own, apart from the
  // lane pass, so neither holds the page for both (`bench/layout-browser.ts` times each; the mark
  // tells it where the computation ended).
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (typeof performance !== 'undefined') performance.mark('ketenkaart:layout-computed');
  undo.separate();
  const placed = applyLayout(doc, result.moves);
  undo.separate();
  return placed;
}
