import { type Flow, type LaneBand, type Partner, type Route, type Step, type StepBox } from '@ketenkaart/shared';
import { Position, type NodeHandle } from '@xyflow/react';
import { laneNodeId } from '../../store/laneNodeIds';
import type { FlowEdge, FlowGeometry, LaneNode, StepNode } from './flowTypes';

/** The lane node of a partner: a band as wide as the map, under the flows and steps. */
export function laneNode(
  partner: Partner,
  band: LaneBand,
  lane: { laneLeft: number; laneWidth: number; index: number; count: number; selected: boolean; editable: boolean },
): LaneNode {
  const { laneLeft, index, count, selected, editable } = lane;
  const laneWidth = lane.laneWidth - laneLeft;
  return {
    id: laneNodeId(partner.id),
    type: 'lane',
    position: { x: laneLeft, y: band.top },
    width: laneWidth,
    height: band.height,
    measured: { width: laneWidth, height: band.height },
    data: { partner, index, count, editable },
    selected,
    draggable: editable && !partner.unassigned,
    dragHandle: '.kk-lane-handle',
    connectable: false,
    deletable: false,
    // Lanes lie under the flows (0), which lie under the steps (1).
    zIndex: -1,
    ariaLabel: partner.name,
  };
}

const HANDLE = 10;
/** The handles of a step box, known up front so React Flow need not wait for their measurement. */
function stepHandles(width: number, height: number): NodeHandle[] {
  const y = height / 2 - HANDLE / 2;
  return [
    { id: 'in', type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    { id: 'out', type: 'source', position: Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE },
  ];
}

/** The node of a step, at its absolute place (`y` includes its lane's top), as big as its box. */
export function stepNode(
  s: Step,
  y: number,
  box: StepBox,
  color: string,
  selected: boolean,
  editable: boolean,
): StepNode {
  const { width, height } = box;
  return {
    id: s.id,
    type: 'step',
    position: { x: s.x, y },
    width,
    height,
    measured: { width, height },
    handles: stepHandles(width, height),
    data: {
      label: s.label,
      lines: box.lines,
      kind: s.kind,
      partner: s.partner,
      color,
      description: s.description,
      contact: s.contact,
      editable,
    },
    selected,
    draggable: editable,
    connectable: editable,
    deletable: editable,
    zIndex: 1,
    ariaLabel: s.label,
  };
}

/**
 * The edge of a flow; its accessible name names the steps at both ends. Where it is drawn is not
 * part of it (see `RouteStore`), so a flow that is only re-routed keeps its edge object.
 */
export function flowEdge(
  f: Flow,
  [fromLabel, toLabel]: readonly [string, string],
  koppelvlak: boolean,
  selected: boolean,
  editable: boolean,
): FlowEdge {
  return {
    id: f.id,
    type: 'flow',
    source: f.from,
    target: f.to,
    sourceHandle: 'out',
    targetHandle: 'in',
    data: { flow: f, koppelvlak, editable },
    selected,
    deletable: editable,
    zIndex: 0,
    ariaLabel: `${f.label ? `${f.label}: ` : ''}${fromLabel} → ${toLabel}`,
  };
}

/**
 * A flow's geometry; its route is computed when first read: the canvas renders only the flows in
 * view, so a big map routes the rest only once they come into view.
 */
export function flowGeometry(geometry: Omit<FlowGeometry, 'route'>, route: () => Route): FlowGeometry {
  return {
    ...geometry,
    get route() {
      return route();
    },
  };
}
