import { applyLayout, type MapSnapshot } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import { layoutRequest, type Layouter } from '../../session/layout/layoutRequest';
import type { UndoController } from '../../session/undo/UndoController';

/**
 * Lays out the map, or only the steps of `selection` (the rest stays put), and writes the result
 * in one transaction with origin `layout` (rules CL-AL1, CL-AL3, CL-AL4, CL-U5): one undo step of
 * its own for this person, one update for everyone. The page only writes `map` (its current
 * snapshot) as JSON for `layout` (the worker's: graph, ELK and lane pass off the main thread)
 * and writes the moves it returns.
 * Nothing but this command starts a layout, and it runs only when a person asks, never from an
 * observer of the document (no layout answering a layout). Returns how many steps it placed.
 */
export async function layoutMap(
  doc: Y.Doc,
  undo: UndoController,
  map: MapSnapshot,
  layout: Layouter,
  selection?: readonly string[],
): Promise<number> {
  const moves = await layout(layoutRequest(map, selection));
  // Tells `bench/layout-browser.ts` where the computation ended and the write begins.
  if (typeof performance !== 'undefined') performance.mark('ketenkaart:layout-computed');
  undo.separate();
  const placed = applyLayout(doc, moves);
  undo.separate();
  if (typeof performance !== 'undefined') performance.mark('ketenkaart:layout-written');
  return placed;
}
