import type { Flow, LaneBand, Partner, StepKind } from '@ketenkaart/shared';
import type { Edge, Node } from '@xyflow/react';

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

/** The React Flow nodes and edges of a map. */
export type LaneNode = Node<LaneData, 'lane'>;
export type StepNode = Node<StepData, 'step'>;
export type FlowEdge = Edge<FlowData, 'flow'>;
export type MapNode = LaneNode | StepNode;

/** What the canvas draws: nodes, edges, the lanes' bands and their common width. */
export interface Derived {
  readonly nodes: MapNode[];
  readonly edges: FlowEdge[];
  readonly bands: LaneBand[];
  readonly laneWidth: number;
}
