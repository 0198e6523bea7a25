import type { LaneBand } from '@ketenkaart/shared';
import { getViewportForBounds, type Viewport } from '@xyflow/react';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;

/** The viewport that shows all lanes in a canvas of the given size, never zoomed in past 1. */
export function initialViewport(
  bands: readonly LaneBand[],
  laneWidth: number,
  size: { readonly width: number; readonly height: number },
): Viewport {
  const bottom = bands.reduce((max, b) => Math.max(max, b.top + b.height), 0);
  return getViewportForBounds(
    { x: 0, y: 0, width: laneWidth, height: Math.max(bottom, 300) },
    size.width,
    size.height,
    MIN_ZOOM,
    1,
    0.1,
  );
}

/**
 * Whether the map's content is known, so the canvas may be mounted and fitted (CL-R8): it has
 * lanes, or the server has synced, or the IndexedDB cache has loaded and the first connection
 * attempt is over. A failed first attempt alone says nothing: the cache may still hold lanes.
 */
export function contentKnown(state: {
  readonly hasLanes: boolean;
  readonly status: string;
  readonly cacheLoaded: boolean;
}): boolean {
  if (state.hasLanes || state.status === 'online') return true;
  return state.cacheLoaded && state.status !== 'connecting';
}
