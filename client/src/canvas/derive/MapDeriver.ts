import { DEFAULTS, GEOMETRY, isKoppelvlak, laneBands, type LaneBand, type MapSnapshot } from '@ketenkaart/shared';
import { laneNodeId } from '../../store/laneNodeIds';
import type { Derived, FlowEdge, LaneNode, MapNode, StepNode } from './flowTypes';
import { KeyedCache, keyOf } from './keyedCache';
import { flowEdge, laneNode, stepNode } from './nodeBuilders';

export interface DeriveOptions {
  readonly selected: ReadonlySet<string>;
  readonly editable: boolean;
  /**
   * Nodes the local user is dragging: their position comes from the drag, so a doc
   * update that only moves them keeps their node object (and React Flow idle).
   */
  readonly dragging?: ReadonlySet<string>;
}

/** Lanes are at least this wide, and reach this far past the right-most step. */
const MIN_LANE_WIDTH = 1400;
const LANE_TAIL = 240;

/**
 * Turns map snapshots into React Flow nodes and edges. Keeps the previous object of
 * every node and edge whose content did not change, and the previous arrays when no
 * item changed, so React Flow re-renders only what changed.
 */
export class MapDeriver {
  private readonly lanes = new KeyedCache<LaneNode>();
  private readonly steps = new KeyedCache<StepNode>();
  private readonly flows = new KeyedCache<FlowEdge>();
  private lastNodes: readonly MapNode[] = [];
  private lastEdges: readonly FlowEdge[] = [];

  derive(map: MapSnapshot, options: DeriveOptions): Derived {
    const bands = laneBands(map);
    let right = 0;
    for (const s of map.steps) right = Math.max(right, s.x + GEOMETRY.stepWidth);
    const laneWidth = Math.max(MIN_LANE_WIDTH, right + LANE_TAIL);
    const bandOf = new Map(bands.map((b) => [b.partner, b]));
    const realLanes = map.partners.filter((p) => !p.unassigned).length;
    const { editable } = options;

    const nodes: MapNode[] = [];
    map.partners.forEach((partner, index) => {
      const band = bandOf.get(partner.id) as LaneBand;
      const id = laneNodeId(partner.id);
      const selected = options.selected.has(id);
      const { name, color, description } = partner;
      const key = keyOf(
        name,
        color,
        description,
        band.top,
        band.height,
        laneWidth,
        index,
        realLanes,
        selected,
        editable,
      );
      nodes.push(
        this.lanes.get(id, key, () =>
          laneNode(partner, band, { laneWidth, index, count: realLanes, selected, editable }),
        ),
      );
    });

    for (const s of map.steps) {
      const y = (bandOf.get(s.partner)?.top ?? 0) + s.y;
      const color = map.partnerById.get(s.partner)?.color ?? DEFAULTS.partner.color;
      const selected = options.selected.has(s.id);
      const moving = options.dragging?.has(s.id) === true;
      const { label, kind, partner, description, contact } = s;
      const place = moving ? ['dragging', ''] : [s.x, y];
      const key = keyOf(label, kind, partner, color, description, contact, ...place, selected, editable);
      nodes.push(this.steps.get(s.id, key, () => stepNode(s, y, color, selected, editable)));
    }

    const edges: FlowEdge[] = [];
    for (const f of map.flows) {
      const koppelvlak = isKoppelvlak(map, f);
      const selected = options.selected.has(f.id);
      const ends = [map.stepById.get(f.from)?.label ?? '', map.stepById.get(f.to)?.label ?? ''] as const;
      const { from, to, label, kind, status, note } = f;
      const key = keyOf(from, to, label, kind, status, note, koppelvlak, selected, editable, ...ends);
      edges.push(this.flows.get(f.id, key, () => flowEdge(f, ends, koppelvlak, selected, editable)));
    }

    this.lanes.sweep();
    this.steps.sweep();
    this.flows.sweep();
    this.lastNodes = sameOrNew(this.lastNodes, nodes);
    this.lastEdges = sameOrNew(this.lastEdges, edges);
    return { nodes: this.lastNodes as MapNode[], edges: this.lastEdges as FlowEdge[], bands, laneWidth };
  }
}

/** The previous array if it holds exactly the same items, else the new one. */
function sameOrNew<T>(previous: readonly T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous as T[];
}
