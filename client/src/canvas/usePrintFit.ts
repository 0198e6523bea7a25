import { getViewportForBounds, useReactFlow, type Viewport } from '@xyflow/react';
import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import type { FlowEdge, MapNode } from './derive/flowTypes';
import { MIN_ZOOM } from './initialViewport';

/**
 * The printed map's box in CSS pixels (styles.css prints the canvas at this size): a landscape
 * A-series page (1 : √2) that fits inside both A4 and Letter with 10 mm margins.
 */
export const PRINT_BOX = { width: 960, height: 680 } as const;

/**
 * While printing, the whole map is fitted into the print box (rule CL-M3); the view is put back
 * afterwards. Rendered at once (flushSync), because the browser lays out the page for print
 * right after `beforeprint`.
 */
export function usePrintFit(): void {
  const flow = useReactFlow<MapNode, FlowEdge>();
  useEffect(() => {
    let saved: Viewport | null = null;
    const before = (): void => {
      const nodes = flow.getNodes();
      if (nodes.length === 0) return;
      saved ??= flow.getViewport();
      const fitted = getViewportForBounds(
        flow.getNodesBounds(nodes),
        PRINT_BOX.width,
        PRINT_BOX.height,
        MIN_ZOOM,
        2,
        0.02,
      );
      flushSync(() => void flow.setViewport(fitted));
    };
    const after = (): void => {
      if (saved) void flow.setViewport(saved);
      saved = null;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [flow]);
}
