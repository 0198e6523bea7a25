import { GEOMETRY, UNASSIGNED_ID, type LaneBand } from '@ketenkaart/shared';
import {
  useConnection,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type Node,
} from '@xyflow/react';
import { useCallback, type MouseEvent } from 'react';
import type { EditCommands } from '../commands/useEditCommands';
import { useCanEdit } from '../session/useCanEdit';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';
import { stepAt } from './connectDrop';

/** The lanes as drawn: their bands and common width (a double-click on the pane may add a step). */
interface Lanes {
  readonly bands: readonly LaneBand[];
  /** Where every lane starts (left of every step, so no step covers a lane's name). */
  readonly laneLeft: number;
  /** Where every lane ends. */
  readonly laneWidth: number;
}

/**
 * React Flow's connect, delete and double-click events, as editing commands; `connecting` while
 * a flow is being dragged out.
 */
export function useCanvasEvents(edit: EditCommands, lanes: Lanes) {
  const editable = useCanEdit();
  const flow = useReactFlow();
  const connecting = useConnection((c) => c.inProgress);

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) edit.connect(c.source, c.target);
    },
    [edit],
  );

  /**
   * A connection dropped anywhere on another step connects to it (rule CL-F1), not only on its
   * small handle: React Flow calls `onConnect` for a handle, and this for everything else.
   */
  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!editable || state.isValid === true || !state.fromNode || !state.fromHandle) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const other = stepAt(point.clientX, point.clientY);
      if (other === null || other === state.fromNode.id) return;
      if (state.fromHandle.type === 'source') edit.connect(state.fromNode.id, other);
      else edit.connect(other, state.fromNode.id);
    },
    [edit, editable],
  );

  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) => edit.deleteIds([...nodes, ...edges].map((x) => x.id)),
    [edit],
  );

  /** Adds a step centred where a lane's band was double-clicked (not on its header). */
  const addStepAtPoint = useCallback(
    (partner: string, laneTop: number, clientX: number, clientY: number) => {
      if (partner === UNASSIGNED_ID) return;
      const p = flow.screenToFlowPosition({ x: clientX, y: clientY });
      if (p.x < lanes.laneLeft + GEOMETRY.laneHeaderWidth) return;
      edit.addStepAt(
        partner,
        Math.round(p.x - GEOMETRY.stepWidth / 2),
        Math.max(0, Math.round(p.y - laneTop - GEOMETRY.stepHeight / 2)),
      );
    },
    [edit, flow, lanes.laneLeft],
  );

  /** A double-click edits a step's label, or adds a step where a lane's band was clicked. */
  const onNodeDoubleClick = useCallback(
    (event: MouseEvent, node: Node) => {
      if (!editable) return;
      if (!isLaneNodeId(node.id)) {
        useUi.getState().setEditing(node.id);
        return;
      }
      addStepAtPoint(partnerOfLaneNode(node.id), node.position.y, event.clientX, event.clientY);
    },
    [addStepAtPoint, editable],
  );

  /**
   * On touch screens the lane bands let touches through to the pane (so one finger pans and
   * two pinch, rule CL-T1): a double tap there adds a step to the lane under it.
   */
  const onPaneDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!editable || !(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane'))
        return;
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const band = lanes.bands.find((b) => p.y >= b.top && p.y < b.top + b.height);
      if (band && p.x >= lanes.laneLeft && p.x <= lanes.laneWidth)
        addStepAtPoint(band.partner, band.top, event.clientX, event.clientY);
    },
    [addStepAtPoint, editable, flow, lanes],
  );

  return { connecting, onConnect, onConnectEnd, onDelete, onNodeDoubleClick, onPaneDoubleClick };
}
