import {
  layoutSnapshot,
  type ElkEngine,
  type Flow,
  type MapMeta,
  type MapSnapshot,
  type Partner,
  type Step,
  type StepMove,
} from '@ketenkaart/shared';

/** What a layout is asked for: the map as JSON text, and optionally a part of it. */
export interface LayoutRequest {
  /**
   * The map's snapshot (its meta, partners, steps and flows) as JSON: the page's snapshot is at
   * hand, and writing it as text and posting the string cost a 1,000-step map a few
   * milliseconds, where encoding the Y.Doc's state or cloning the objects cost tens (CL-AL1).
   */
  readonly map: string;
  /** Lay out only these steps (ids not in the map are ignored); the rest stays put. */
  readonly selection?: readonly string[];
}

/** Lays out a request and gives the moves to write; the page passes the worker's, tests Node's. */
export type Layouter = (request: LayoutRequest) => Promise<readonly StepMove[]>;

interface PlainMap {
  readonly meta: MapMeta;
  readonly partners: readonly Partner[];
  readonly steps: readonly Step[];
  readonly flows: readonly Flow[];
}

/** The request for a layout of `map`, or of the steps of `selection` in it. */
export function layoutRequest(map: MapSnapshot, selection?: readonly string[]): LayoutRequest {
  const plain: PlainMap = { meta: map.meta, partners: map.partners, steps: map.steps, flows: map.flows };
  return { map: JSON.stringify(plain), ...(selection ? { selection } : {}) };
}

/** The snapshot a request carries, with its lookups by id. */
export function snapshotOf(request: LayoutRequest): MapSnapshot {
  const plain = JSON.parse(request.map) as PlainMap;
  return {
    ...plain,
    partnerById: new Map(plain.partners.map((p) => [p.id, p])),
    stepById: new Map(plain.steps.map((s) => [s.id, s])),
    flowById: new Map(plain.flows.map((f) => [f.id, f])),
  };
}

/**
 * Lays out the map a request carries with `elk` (graph, ELK, lane pass): the whole of a layout
 * but the write, so that it can run off the page's main thread (rule CL-AL1). A selection
 * without a step of the map asks ELK nothing and moves nothing.
 */
export async function layoutOfRequest(request: LayoutRequest, elk: ElkEngine): Promise<StepMove[]> {
  const map = snapshotOf(request);
  const steps = request.selection?.filter((id) => map.stepById.has(id));
  if (steps?.length === 0) return [];
  return (await layoutSnapshot(map, elk, steps ? { selection: steps } : {})).moves;
}
