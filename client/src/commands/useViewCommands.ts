import { GEOMETRY } from '@ketenkaart/shared';
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { isLaneNodeId } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';

export type ViewCommands = ReturnType<typeof useViewCommands>;

/** What moves the viewport: fit, zoom, and bringing a step or lane into view. */
export function useViewCommands() {
  const flow = useReactFlow();
  return useMemo(() => {
    /** Centres a node (at most 900 px of a wide lane) at `zoom`, or at least zoom 0.8. */
    const focus = (id: string, zoom?: number): void => {
      const node = flow.getNode(id);
      if (!node) return;
      const w = node.width ?? GEOMETRY.stepWidth;
      const h = node.height ?? GEOMETRY.stepHeight;
      void flow.setCenter(node.position.x + Math.min(w, 900) / 2, node.position.y + h / 2, {
        zoom: zoom ?? Math.max(flow.getZoom(), 0.8),
        duration: 300,
      });
    };
    return {
      focus,
      fit: () => void flow.fitView({ padding: 0.1, duration: 300 }),
      zoomIn: () => void flow.zoomIn({ duration: 200 }),
      zoomOut: () => void flow.zoomOut({ duration: 200 }),
      /** Selects a step or lane and brings it into view. */
      jumpTo: (id: string): void => {
        useUi.getState().select([id]);
        focus(id, isLaneNodeId(id) ? 0.6 : 1);
      },
    };
  }, [flow]);
}
