import { GEOMETRY, type Flow, type LaneBand, type Partner, type Step } from '@ketenkaart/shared';
import { Position, type NodeHandle } from '@xyflow/react';
import { laneNodeId } from '../../store/laneNodeIds';
import type { FlowEdge, LaneNode, StepNode } from './flowTypes';

/** The lane node of a partner: a band as wide as the map, under the flows and steps. */
export function laneNode(
  partner: Partner,
  band: LaneBand,
  lane: { laneWidth: number; index: number; count: number; selected: boolean; editable: boolean },
): LaneNode {
  const { laneWidth, index, count, selected, editable } = lane;
  return {
    id: laneNodeId(partner.id),
    type: 'lane',
    position: { x: 0, y: band.top },
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

const HANDLE = 8;
/** The handles of every step, known up front so React Flow need not measure them. */
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

/** The node of a step, at its absolute place (`y` includes its lane's top). */
export function stepNode(s: Step, y: number, color: string, selected: boolean, editable: boolean): StepNode {
  return {
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

/** The edge of a flow; its accessible name names the steps at both ends. */
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
