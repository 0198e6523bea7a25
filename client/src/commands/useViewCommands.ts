import { GEOMETRY } from '@ketenkaart/shared';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { isLaneNodeId } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';

/** One press of zoom in (out: its inverse), as React Flow's own. */
const ZOOM_STEP = 1.2;
const ZOOM_STEP_MS = 200;
/** How long after a zoom step the next one may still build on it (a busy page starts it late). */
const ZOOM_STEP_PATIENCE_MS = 2_000;

/**
 * Per canvas (its React Flow store, shared by the toolbar, the menu and the shortcuts): the zoom
 * the last zoom step set out for, and from where (rule CL-K5). A step asked for while the
 * previous one still animates, or has not yet begun because the page is busy, starts from that
 * one's end: otherwise it starts from where the animation happens to be, and quick presses get
 * lost (d3 drops a transition interrupted before its first frame).
 */
const lastStep = new WeakMap<object, { from: number; to: number; at: number }>();

export type ViewCommands = ReturnType<typeof useViewCommands>;

/** What moves the viewport: fit, zoom, and bringing a step or lane into view. */
export function useViewCommands() {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useMemo(() => {
    const zoomBy = (factor: number): void => {
      const now = performance.now();
      const current = flow.getZoom();
      const step = lastStep.get(store);
      const underway =
        step !== undefined &&
        now - step.at < ZOOM_STEP_PATIENCE_MS &&
        current >= Math.min(step.from, step.to) - 1e-6 &&
        current <= Math.max(step.from, step.to) + 1e-6;
      const base = underway && step ? step.to : current;
      const { minZoom, maxZoom } = store.getState();
      const to = Math.min(maxZoom, Math.max(minZoom, base * factor));
      lastStep.set(store, { from: current, to, at: now });
      void flow.zoomTo(to, { duration: ZOOM_STEP_MS });
    };

    /** Centres a node (at most 900 px of a wide lane) at `zoom`, or at least zoom 0.8. */
    const focus = (id: string, zoom?: number): void => {
      const node = flow.getNode(id);
      if (!node) return;
      lastStep.delete(store);
      const w = node.width ?? GEOMETRY.stepWidth;
      const h = node.height ?? GEOMETRY.stepHeight;
      void flow.setCenter(node.position.x + Math.min(w, 900) / 2, node.position.y + h / 2, {
        zoom: zoom ?? Math.max(flow.getZoom(), 0.8),
        duration: 300,
      });
    };
    return {
      focus,
      fit: (): void => {
        lastStep.delete(store);
        void flow.fitView({ padding: 0.1, duration: 300 });
      },
      zoomIn: () => zoomBy(ZOOM_STEP),
      zoomOut: () => zoomBy(1 / ZOOM_STEP),
      /** Selects a step or lane and brings it into view. */
      jumpTo: (id: string): void => {
        useUi.getState().select([id]);
        focus(id, isLaneNodeId(id) ? 0.6 : 1);
      },
    };
  }, [flow, store]);
}
