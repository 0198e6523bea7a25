import type { MapSnapshot } from '../model/types.js';
import { buildElkGraph, type ElkEngine } from './elk-graph.js';
import { laneLayout, type LayoutResult } from './lane-layout.js';
import type { LayoutOptions } from './options.js';

/**
 * Lays out a map (or `options.selection` of it): builds the ELK graph, asks `elk` for its
 * columns and order, runs the lane pass (rule SH-LY10). `elk` is elkjs's `new ELK()`: the
 * browser passes the worker-backed `elkjs/lib/elk-api.js`, Node `createNodeElk()` from
 * `@ketenkaart/shared/node-elk`. Apply the result with `applyLayout`.
 */
export async function layoutSnapshot(
  map: MapSnapshot,
  elk: ElkEngine,
  options: LayoutOptions = {},
): Promise<LayoutResult> {
  const graph = buildElkGraph(map, options);
  const laidOut = graph.children.length === 0 ? { children: [] } : await elk.layout(graph);
  return laneLayout(map, laidOut, options);
}
