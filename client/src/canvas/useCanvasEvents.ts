import { GEOMETRY, UNASSIGNED_ID } from '@ketenkaart/shared';
import { useReactFlow, type Connection, type Edge, type Node } from '@xyflow/react';
import { useCallback, type MouseEvent } from 'react';
import type { EditCommands } from '../commands/useEditCommands';
import { useSession } from '../session/sessionContext';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';

/** React Flow's connect, delete and double-click events, as editing commands. */
export function useCanvasEvents(edit: EditCommands) {
  const { editable } = useSession();
  const flow = useReactFlow();

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) edit.connect(c.source, c.target);
    },
    [edit],
  );

  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) => edit.deleteIds([...nodes, ...edges].map((x) => x.id)),
    [edit],
  );

  /** A double-click edits a step's label, or adds a step where a lane's band was clicked. */
  const onNodeDoubleClick = useCallback(
    (event: MouseEvent, node: Node) => {
      if (!editable) return;
      if (!isLaneNodeId(node.id)) {
        useUi.getState().setEditing(node.id);
        return;
      }
      const partner = partnerOfLaneNode(node.id);
      if (partner === UNASSIGNED_ID) return;
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      if (p.x < node.position.x + GEOMETRY.laneHeaderWidth) return;
      edit.addStepAt(
        partner,
        Math.round(p.x - GEOMETRY.stepWidth / 2),
        Math.max(0, Math.round(p.y - node.position.y - GEOMETRY.stepHeight / 2)),
      );
    },
    [edit, editable, flow],
  );

  return { onConnect, onDelete, onNodeDoubleClick };
}
