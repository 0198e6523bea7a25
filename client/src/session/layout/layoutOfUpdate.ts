import { layoutSnapshot, readMap, type ElkEngine, type StepMove } from '@ketenkaart/shared';
import * as Y from 'yjs';

/** What a layout is asked for: the map as an encoded Y.Doc state, and optionally a part of it. */
export interface LayoutRequest {
  /** `Y.encodeStateAsUpdate` of the map: cheap to make on the page, read back where it is laid out. */
  readonly update: Uint8Array;
  /** Lay out only these steps (ids not in the map are ignored); the rest stays put. */
  readonly selection?: readonly string[];
}

/** Lays out a request and gives the moves to write; the page passes the worker's, tests Node's. */
export type Layouter = (request: LayoutRequest) => Promise<readonly StepMove[]>;

/**
 * Reads the map from its encoded state and lays it out with `elk` (graph, ELK, lane pass): the
 * whole of a layout but the write, so that it can run off the page's main thread (rule CL-AL1).
 * A selection without a step of the map asks ELK nothing and moves nothing.
 */
export async function layoutOfUpdate(request: LayoutRequest, elk: ElkEngine): Promise<StepMove[]> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, request.update);
    const map = readMap(doc);
    const steps = request.selection?.filter((id) => map.stepById.has(id));
    if (steps?.length === 0) return [];
    return (await layoutSnapshot(map, elk, steps ? { selection: steps } : {})).moves;
  } finally {
    doc.destroy();
  }
}
