import type { Box, Flow, LaneBand, Partner, Route, StepKind } from '@ketenkaart/shared';
import type { Edge, Node } from '@xyflow/react';
import type { RouteStore } from './routeStore';

export interface LaneData extends Record<string, unknown> {
  readonly partner: Partner;
  readonly index: number;
  /** Number of real lanes (for the move up/down buttons). */
  readonly count: number;
  readonly editable: boolean;
}

export interface StepData extends Record<string, unknown> {
  readonly label: string;
  /** The label as drawn: broken into lines by the shared `stepBox` (the node is as big as its box). */
  readonly lines: readonly string[];
  readonly kind: StepKind;
  readonly partner: string;
  readonly color: string;
  readonly description: string;
  readonly contact: string;
  readonly editable: boolean;
}

/** Where a flow is drawn: its route between the steps where the doc has them, and what it was routed around. */
export interface FlowGeometry {
  readonly route: Route;
  readonly fromSize: { readonly width: number; readonly height: number };
  readonly toSize: { readonly width: number; readonly height: number };
  readonly obstacles: readonly Box[];
  readonly borders: readonly number[];
  readonly labelSize: { readonly width: number; readonly height: number } | null;
  /** Where on its steps' sides it leaves and enters, from their middles (SH-R3). */
  readonly ends: { readonly from: number; readonly to: number };
}

/** What a flow's edge carries; where it is drawn comes from the `RouteStore` (`Derived.routes`). */
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

/** What the canvas draws: nodes, edges, the lanes' bands and where they start and end. */
export interface Derived {
  readonly nodes: MapNode[];
  readonly edges: FlowEdge[];
  readonly bands: LaneBand[];
  /** The lanes' left end: 0, or further left when a step lies left of where the header would be. */
  readonly laneLeft: number;
  /** The lanes' right end. */
  readonly laneWidth: number;
  /** The right-most step's right edge, if there is a step. */
  readonly contentRight: number | undefined;
  /** Every flow's geometry, by flow id. */
  readonly routes: RouteStore;
}
