import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import type { FlowEdge, MapNode } from './derive';
import type { CanvasActions } from './useCanvasActions';
import type { DragToModel } from './useDragToModel';

/** React Flow's node and edge changes: positions go to the drag logic, selections to the UI store. */
export function useFlowChanges(actions: CanvasActions, onPositions: DragToModel['onPositions'], editable: boolean) {
  const onNodesChange = useCallback(
    (changes: NodeChange<MapNode>[]) => {
      const positions = new Map<string, XYPosition>();
      let dragging = false;
      const select: [string, boolean][] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          positions.set(c.id, c.position);
          dragging ||= c.dragging === true;
        } else if (c.type === 'select') select.push([c.id, c.selected]);
      }
      if (positions.size > 0 && editable) onPositions(positions, dragging);
      if (select.length > 0) actions.applySelection(select);
    },
    [actions, onPositions, editable],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const select: [string, boolean][] = [];
      for (const c of changes) if (c.type === 'select') select.push([c.id, c.selected]);
      if (select.length > 0) actions.applySelection(select);
    },
    [actions],
  );

  return { onNodesChange, onEdgesChange };
}
