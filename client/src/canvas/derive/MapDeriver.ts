import {
  DEFAULTS,
  GEOMETRY,
  isKoppelvlak,
  stepBox,
  type Box,
  type LaneBand,
  type Flow,
  type MapSnapshot,
  type Partner,
  type Step,
} from '@ketenkaart/shared';
import { laneNodeId } from '../../store/laneNodeIds';
import type { Derived, FlowEdge, FlowGeometry, LaneNode, MapNode, StepNode } from './flowTypes';
import { RouteContexts, type KeptRoute } from './flowRoutes';
import { KeyedCache, keyOf } from './keyedCache';
import { LaneLayoutCache } from './laneLayout';
import { flowEdge, flowGeometry, laneNode, stepNode } from './nodeBuilders';
import { RouteStore } from './routeStore';

export interface DeriveOptions {
  readonly selected: ReadonlySet<string>;
  readonly editable: boolean;
  /**
   * Nodes the local user is dragging: their position comes from the drag, so a doc
   * update that only moves them keeps their node object (and React Flow idle).
   */
  readonly dragging?: ReadonlySet<string>;
}

/** What a step's node was last made from: when all are the same objects, nothing needs comparing. */
interface StepInputs {
  readonly step: Step;
  readonly box: Box;
  readonly partner: Partner | undefined;
  readonly selected: boolean;
  readonly moving: boolean;
  readonly editable: boolean;
  readonly node: StepNode;
}

/** What a flow's edge and geometry were last made from. */
interface FlowInputs {
  readonly flow: Flow;
  readonly from: Step | undefined;
  readonly to: Step | undefined;
  readonly kept: KeptRoute;
  readonly selected: boolean;
  readonly moving: boolean;
  readonly editable: boolean;
  readonly edge: FlowEdge;
  readonly geometry: FlowGeometry;
}

/** Room between a lane's header and its left-most step. */
const LANE_LEAD = 40;
/** Lanes are at least this wide, and reach this far past the right-most step (room to add one). */
const MIN_LANE_WIDTH = 960;
const LANE_TAIL = 120;

/**
 * Turns map snapshots into React Flow nodes and edges. Keeps the previous object of
 * every node and edge whose content did not change, and the previous arrays when no
 * item changed, so React Flow re-renders only what changed.
 */
export class MapDeriver {
  private readonly lanes = new KeyedCache<LaneNode>();
  private readonly steps = new KeyedCache<StepNode>();
  private readonly flows = new KeyedCache<FlowEdge>();
  private readonly geometries = new KeyedCache<FlowGeometry>();
  /** Every flow's geometry, apart from its edge (see `RouteStore`). */
  readonly routeStore = new RouteStore();
  private readonly routes = new RouteContexts();
  private readonly layout = new LaneLayoutCache();
  private stepInputs = new Map<string, StepInputs>();
  private flowInputs = new Map<string, FlowInputs>();
  private lastNodes: readonly MapNode[] = [];
  private lastEdges: readonly FlowEdge[] = [];

  derive(map: MapSnapshot, options: DeriveOptions): Derived {
    const { bands, bandOf, boxes, moved, left, right } = this.layout.update(map);
    const laneWidth = Math.max(MIN_LANE_WIDTH, right + LANE_TAIL);
    // The lane headers stay left of every step, so no step ever covers a partner's name.
    const laneLeft = Math.min(0, Math.floor(left - LANE_LEAD - GEOMETRY.laneHeaderWidth));
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
        laneLeft,
        laneWidth,
        index,
        realLanes,
        selected,
        editable,
      );
      nodes.push(
        this.lanes.get(id, key, () =>
          laneNode(partner, band, { laneLeft, laneWidth, index, count: realLanes, selected, editable }),
        ),
      );
    });

    const stepInputs = new Map<string, StepInputs>();
    for (const s of map.steps) {
      const box = boxes.get(s.id) as Box;
      const partnerOf = map.partnerById.get(s.partner);
      const selected = options.selected.has(s.id);
      const moving = options.dragging?.has(s.id) === true;
      // The snapshot and the layout keep unchanged objects (SH-M10, CL-R20): most steps of an
      // update are the same objects as before and are kept without building their key.
      const last = this.stepInputs.get(s.id);
      if (
        last &&
        last.step === s &&
        last.box === box &&
        last.partner === partnerOf &&
        last.selected === selected &&
        last.moving === moving &&
        last.editable === editable
      ) {
        this.steps.keep(s.id);
        stepInputs.set(s.id, last);
        nodes.push(last.node);
        continue;
      }
      const y = box.y;
      const color = partnerOf?.color ?? DEFAULTS.partner.color;
      const { label, kind, partner, description, contact } = s;
      const place = moving ? ['dragging', ''] : [s.x, y];
      const key = keyOf(label, kind, partner, color, description, contact, ...place, selected, editable);
      const node = this.steps.get(s.id, key, () => stepNode(s, y, stepBox(s), color, selected, editable));
      stepInputs.set(s.id, { step: s, box, partner: partnerOf, selected, moving, editable, node });
      nodes.push(node);
    }
    this.stepInputs = stepInputs;

    // Flows are routed around the steps near them; steps being dragged are left out, so their
    // moves re-route nothing until the drop (the dragged flows follow live in FlowEdge).
    const borders = bands.length > 0 ? [...bands.map((b) => b.top), bandBottom(bands)] : [];
    const routes = this.routes.update(map.flows, boxes, moved, borders, options.dragging);
    const edges: FlowEdge[] = [];
    const geometries = new Map<string, FlowGeometry>();
    const flowInputs = new Map<string, FlowInputs>();
    for (const f of map.flows) {
      const fromStep = map.stepById.get(f.from);
      const toStep = map.stepById.get(f.to);
      const selected = options.selected.has(f.id);
      const moving = options.dragging?.has(f.from) === true || options.dragging?.has(f.to) === true;
      const kept = routes.get(f.id) as KeptRoute;
      const last = this.flowInputs.get(f.id);
      if (
        last &&
        last.flow === f &&
        last.from === fromStep &&
        last.to === toStep &&
        last.kept === kept &&
        last.selected === selected &&
        last.moving === moving &&
        last.editable === editable
      ) {
        this.flows.keep(f.id);
        this.geometries.keep(f.id);
        flowInputs.set(f.id, last);
        geometries.set(f.id, last.geometry);
        edges.push(last.edge);
        continue;
      }
      const koppelvlak = isKoppelvlak(map, f);
      const ends = [fromStep?.label ?? '', toStep?.label ?? ''] as const;
      const { from, to, label, kind, status, note } = f;
      const place = moving ? 'dragging' : kept.version;
      const geometry = this.geometries.get(f.id, keyOf(place), () =>
        flowGeometry(
          {
            fromSize: { width: kept.from.width, height: kept.from.height },
            toSize: { width: kept.to.width, height: kept.to.height },
            obstacles: kept.context.obstacles,
            borders: kept.context.borders,
            labelSize: kept.context.label,
            ends: kept.ends,
          },
          kept.route,
        ),
      );
      geometries.set(f.id, geometry);
      const key = keyOf(from, to, label, kind, status, note, koppelvlak, selected, editable, ...ends);
      const edge = this.flows.get(f.id, key, () => flowEdge(f, ends, koppelvlak, selected, editable));
      flowInputs.set(f.id, { flow: f, from: fromStep, to: toStep, kept, selected, moving, editable, edge, geometry });
      edges.push(edge);
    }
    this.flowInputs = flowInputs;
    this.routeStore.update(geometries);
    this.geometries.sweep();

    this.lanes.sweep();
    this.steps.sweep();
    this.flows.sweep();
    this.lastNodes = sameOrNew(this.lastNodes, nodes);
    this.lastEdges = sameOrNew(this.lastEdges, edges);
    return {
      nodes: this.lastNodes as MapNode[],
      edges: this.lastEdges as FlowEdge[],
      bands,
      laneLeft,
      laneWidth,
      contentRight: map.steps.length > 0 ? right : undefined,
      routes: this.routeStore,
    };
  }
}

function bandBottom(bands: readonly LaneBand[]): number {
  const last = bands[bands.length - 1] as LaneBand;
  return last.top + last.height;
}

/** The previous array if it holds exactly the same items, else the new one. */
function sameOrNew<T>(previous: readonly T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous as T[];
}
