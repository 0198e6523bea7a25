import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { useUi } from '../store/uiStore';
import type { FlowEdge, MapNode } from './derive/flowTypes';
import type { DragToModel } from './drag/useDragToModel';

/** Adds and removes ids from the selection, as React Flow's select changes say. */
function applySelection(changes: readonly [string, boolean][]): void {
  const next = new Set(useUi.getState().selected);
  for (const [id, on] of changes) {
    if (on) next.add(id);
    else next.delete(id);
  }
  useUi.getState().select(next);
}

/** React Flow's node and edge changes: positions go to the drag logic, selections to the UI store. */
export function useFlowChanges(onPositions: DragToModel['onPositions'], editable: boolean) {
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
      if (select.length > 0) applySelection(select);
    },
    [onPositions, editable],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const select: [string, boolean][] = [];
    for (const c of changes) if (c.type === 'select') select.push([c.id, c.selected]);
    if (select.length > 0) applySelection(select);
  }, []);

  return { onNodesChange, onEdgesChange };
}
