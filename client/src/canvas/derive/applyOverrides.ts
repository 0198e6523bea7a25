import type { XYPosition } from '@xyflow/react';
import { isLaneNodeId, partnerOfLaneNode } from '../../store/laneNodeIds';
import type { MapNode } from './flowTypes';

/**
 * The nodes as the local user sees them during a drag: dragged nodes at their
 * local positions, and the steps of a dragged lane moved along with it. Nodes that
 * are not affected keep their identity.
 */
export function applyOverrides(nodes: readonly MapNode[], overrides: ReadonlyMap<string, XYPosition>): MapNode[] {
  if (overrides.size === 0) return nodes as MapNode[];
  const laneShift = new Map<string, number>();
  for (const n of nodes) {
    const p = overrides.get(n.id);
    if (p && isLaneNodeId(n.id)) laneShift.set(partnerOfLaneNode(n.id), p.y - n.position.y);
  }
  return nodes.map((n) => {
    const p = overrides.get(n.id);
    if (p) return { ...n, position: p, dragging: true };
    if (n.type === 'step' && laneShift.size > 0) {
      const dy = laneShift.get(n.data.partner);
      if (dy !== undefined) return { ...n, position: { x: n.position.x, y: n.position.y + dy } };
    }
    return n;
  });
}
