import {
  GEOMETRY,
  isKoppelvlak,
  laneBands,
  type Flow,
  type LaneBand,
  type MapSnapshot,
  type Partner,
  type StepKind,
} from '@ketenkaart/shared';
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';

/** Node ids of lanes start with `~`, which a model id never does. */
export const LANE_PREFIX = '~lane:';
export const laneNodeId = (partner: string): string => `${LANE_PREFIX}${partner}`;
export const isLaneNodeId = (id: string): boolean => id.startsWith(LANE_PREFIX);
export const partnerOfLaneNode = (id: string): string => id.slice(LANE_PREFIX.length);

export interface LaneData extends Record<string, unknown> {
  readonly partner: Partner;
  readonly index: number;
  /** Number of real lanes (for the move up/down buttons). */
  readonly count: number;
  readonly editable: boolean;
}

export interface StepData extends Record<string, unknown> {
  readonly label: string;
  readonly kind: StepKind;
  readonly partner: string;
  readonly color: string;
  readonly description: string;
  readonly contact: string;
  readonly editable: boolean;
}

export interface FlowData extends Record<string, unknown> {
  readonly flow: Flow;
  readonly koppelvlak: boolean;
  readonly editable: boolean;
}

export type LaneNode = Node<LaneData, 'lane'>;
export type StepNode = Node<StepData, 'step'>;
export type FlowEdge = Edge<FlowData, 'flow'>;
export type MapNode = LaneNode | StepNode;

export interface Derived {
  readonly nodes: MapNode[];
  readonly edges: FlowEdge[];
  readonly bands: LaneBand[];
  readonly laneWidth: number;
}

export interface DeriveOptions {
  readonly selected: ReadonlySet<string>;
  readonly editable: boolean;
  /**
   * Nodes the local user is dragging: their position comes from the drag, so a doc
   * update that only moves them keeps their node object (and React Flow idle).
   */
  readonly dragging?: ReadonlySet<string>;
}

/** The previous array if it holds exactly the same items, else the new one. */
function stable<T>(previous: readonly T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous as T[];
}

const HANDLE = 8;
const stepHandles: NodeHandle[] = [
  {
    id: 'in',
    type: 'target',
    position: Position.Left,
    x: -HANDLE / 2,
    y: GEOMETRY.stepHeight / 2 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  },
  {
    id: 'out',
    type: 'source',
    position: Position.Right,
    x: GEOMETRY.stepWidth - HANDLE / 2,
    y: GEOMETRY.stepHeight / 2 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  },
];
const stepMeasured = { width: GEOMETRY.stepWidth, height: GEOMETRY.stepHeight };

/** Lanes are at least this wide, and reach this far past the right-most step. */
const MIN_LANE_WIDTH = 1400;
const LANE_TAIL = 240;

interface Cached<T> {
  readonly key: string;
  readonly value: T;
}

/**
 * Turns map snapshots into React Flow nodes and edges. Keeps the previous object of
 * every node and edge whose content did not change, so React Flow re-renders only
 * what changed (a 1,000-step map stays fluid).
 */
export class MapDeriver {
  private lanes = new Map<string, Cached<LaneNode>>();
  private steps = new Map<string, Cached<StepNode>>();
  private flows = new Map<string, Cached<FlowEdge>>();
  private lastNodes: readonly MapNode[] = [];
  private lastEdges: readonly FlowEdge[] = [];

  derive(map: MapSnapshot, options: DeriveOptions): Derived {
    const bands = laneBands(map);
    let right = 0;
    for (const s of map.steps) right = Math.max(right, s.x + GEOMETRY.stepWidth);
    const laneWidth = Math.max(MIN_LANE_WIDTH, right + LANE_TAIL);
    const tops = new Map(bands.map((b) => [b.partner, b]));
    const realLanes = map.partners.filter((p) => !p.unassigned).length;

    const nextLanes = new Map<string, Cached<LaneNode>>();
    const nodes: MapNode[] = [];
    map.partners.forEach((partner, index) => {
      const band = tops.get(partner.id) as LaneBand;
      const id = laneNodeId(partner.id);
      const selected = options.selected.has(id);
      const key = [
        partner.name,
        partner.color,
        partner.description,
        band.top,
        band.height,
        laneWidth,
        index,
        realLanes,
        selected,
        options.editable,
      ].join('\u0000');
      const old = this.lanes.get(id);
      const node: LaneNode =
        old?.key === key
          ? old.value
          : {
              id,
              type: 'lane',
              position: { x: 0, y: band.top },
              width: laneWidth,
              height: band.height,
              measured: { width: laneWidth, height: band.height },
              data: { partner, index, count: realLanes, editable: options.editable },
              selected,
              draggable: options.editable && !partner.unassigned,
              dragHandle: '.kk-lane-handle',
              connectable: false,
              deletable: false,
              // Lanes lie under the flows (0), which lie under the steps (1).
              zIndex: -1,
              ariaLabel: partner.name,
            };
      nextLanes.set(id, { key, value: node });
      nodes.push(node);
    });
    this.lanes = nextLanes;

    const nextSteps = new Map<string, Cached<StepNode>>();
    for (const s of map.steps) {
      const band = tops.get(s.partner);
      const y = (band?.top ?? 0) + s.y;
      const color = map.partnerById.get(s.partner)?.color ?? '#6e7781';
      const selected = options.selected.has(s.id);
      const moving = options.dragging?.has(s.id) === true;
      const key = [
        s.label,
        s.kind,
        s.partner,
        color,
        s.description,
        s.contact,
        moving ? 'dragging' : s.x,
        moving ? '' : y,
        selected,
        options.editable,
      ].join('\u0000');
      const old = this.steps.get(s.id);
      const node: StepNode =
        old?.key === key
          ? old.value
          : {
              id: s.id,
              type: 'step',
              position: { x: s.x, y },
              width: GEOMETRY.stepWidth,
              height: GEOMETRY.stepHeight,
              measured: stepMeasured,
              handles: stepHandles,
              data: {
                label: s.label,
                kind: s.kind,
                partner: s.partner,
                color,
                description: s.description,
                contact: s.contact,
                editable: options.editable,
              },
              selected,
              draggable: options.editable,
              connectable: options.editable,
              deletable: options.editable,
              zIndex: 1,
              ariaLabel: s.label,
            };
      nextSteps.set(s.id, { key, value: node });
      nodes.push(node);
    }
    this.steps = nextSteps;

    const nextFlows = new Map<string, Cached<FlowEdge>>();
    const edges: FlowEdge[] = [];
    for (const f of map.flows) {
      const koppelvlak = isKoppelvlak(map, f);
      const selected = options.selected.has(f.id);
      const ends = `${map.stepById.get(f.from)?.label ?? ''}\u0000${map.stepById.get(f.to)?.label ?? ''}`;
      const key = [f.from, f.to, f.label, f.kind, f.status, f.note, koppelvlak, selected, options.editable, ends].join(
        '\u0000',
      );
      const old = this.flows.get(f.id);
      const edge: FlowEdge =
        old?.key === key
          ? old.value
          : {
              id: f.id,
              type: 'flow',
              source: f.from,
              target: f.to,
              sourceHandle: 'out',
              targetHandle: 'in',
              data: { flow: f, koppelvlak, editable: options.editable },
              selected,
              deletable: options.editable,
              zIndex: 0,
              ariaLabel: `${f.label ? `${f.label}: ` : ''}${map.stepById.get(f.from)?.label ?? ''} → ${map.stepById.get(f.to)?.label ?? ''}`,
            };
      nextFlows.set(f.id, { key, value: edge });
      edges.push(edge);
    }
    this.flows = nextFlows;
    this.lastNodes = stable(this.lastNodes, nodes);
    this.lastEdges = stable(this.lastEdges, edges);
    return { nodes: this.lastNodes as MapNode[], edges: this.lastEdges as FlowEdge[], bands, laneWidth };
  }
}
