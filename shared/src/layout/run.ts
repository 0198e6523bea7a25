import type { MapSnapshot } from '../model/types.js';
import { elkGraphOf, type ElkEngine } from './elk-graph.js';
import { lanePass, type LayoutResult } from './lane-layout.js';
import { resolveOptions, type LayoutOptions } from './options.js';

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
  const o = resolveOptions(options);
  const graph = elkGraphOf(map, o);
  const laidOut = graph.children.length === 0 ? { children: [] } : await elk.layout(graph);
  return lanePass(map, laidOut, o);
}
