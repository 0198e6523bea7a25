import type { MapSnapshot, Step } from '../model/types.js';
import { resolveOptions, type LayoutOptions, type Resolved } from './options.js';

/**
 * The ELK JSON graph, as far as the layout uses it. Structural types, so that shared never
 * imports elkjs: the browser passes elkjs's worker-backed `elk-api`, Node its bundled build.
 */
export type ElkLayoutOptions = Record<string, string>;

export interface ElkGraphNode {
  id: string;
  width: number;
  height: number;
}

export interface ElkGraphEdge {
  id: string;
  sources: string[];
  targets: string[];
}

export interface ElkGraph {
  id: string;
  layoutOptions: ElkLayoutOptions;
  children: ElkGraphNode[];
  edges: ElkGraphEdge[];
}

/** A node of ELK's answer; only `id`, `x`, `y` and `width` are read. */
export interface ElkLaidOutNode {
  readonly id: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
}

export interface ElkLaidOutGraph {
  readonly children?: readonly ElkLaidOutNode[];
}

/** What the runner needs of an ELK instance; `new ELK()` of elkjs satisfies it. */
export interface ElkEngine {
  layout(graph: ElkGraph): Promise<ElkLaidOutGraph>;
}

/**
 * The ELK options of every layout (rule SH-LY1). Only ELK's layers and the order inside them
 * are used; positions and flow routes are the lane pass's and the canvas's. Node placement
 * BRANDES_KOEPF: NETWORK_SIMPLEX takes minutes on large maps.
 */
export const ELK_LAYOUT_OPTIONS: Readonly<ElkLayoutOptions> = Object.freeze({
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.randomSeed': '1',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.separateConnectedComponents': 'false',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
});

/** ELK ids carry a kind prefix: step and flow ids are only unique per kind (rule SH-M3). */
export const elkStepId = (stepId: string): string => `s:${stepId}`;
const elkFlowId = (flowId: string): string => `f:${flowId}`;

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The steps a layout places, in the model order it gives ELK: lane order, then id. The order
 * depends on the map's structure only, never on positions, so a laid-out map lays out the same
 * way again (rule SH-LY6); lane order first makes ELK keep a column's steps lane by lane where
 * that costs no crossing.
 */
export function layoutSteps(map: MapSnapshot, o: Resolved): Step[] {
  const lane = new Map(map.partners.map((p, i) => [p.id, i]));
  const steps = o.selection ? map.steps.filter((s) => o.selection?.has(s.id)) : [...map.steps];
  return steps.sort((a, b) => (lane.get(a.partner) ?? 0) - (lane.get(b.partner) ?? 0) || byKey(a.id, b.id));
}

/**
 * The flat ELK graph of the steps a layout places and the flows between them (rule SH-LY1):
 * a flow whose end is missing or outside the selection is left out, and so is a self loop
 * (it does not change a step's column). Node sizes come from `options.sizeOf`.
 */
export function buildElkGraph(map: MapSnapshot, options: LayoutOptions = {}): ElkGraph {
  return elkGraphOf(map, resolveOptions(options));
}

export function elkGraphOf(map: MapSnapshot, o: Resolved): ElkGraph {
  const steps = layoutSteps(map, o);
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const children = steps.map((s) => {
    const size = o.size(s);
    return { id: elkStepId(s.id), width: size.width, height: size.height };
  });
  const flows = map.flows.filter((f) => f.from !== f.to && index.has(f.from) && index.has(f.to));
  flows.sort(
    (a, b) =>
      (index.get(a.from) ?? 0) - (index.get(b.from) ?? 0) ||
      (index.get(a.to) ?? 0) - (index.get(b.to) ?? 0) ||
      byKey(a.id, b.id),
  );
  const edges = flows.map((f) => ({ id: elkFlowId(f.id), sources: [elkStepId(f.from)], targets: [elkStepId(f.to)] }));
  return { id: 'map', layoutOptions: { ...ELK_LAYOUT_OPTIONS }, children, edges };
}
