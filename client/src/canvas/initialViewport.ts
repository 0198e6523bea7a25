import { GEOMETRY, type LaneBand } from '@ketenkaart/shared';
import type { Viewport } from '@xyflow/react';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;
/** The smallest size, in screen pixels, at which a step label counts as legible. */
export const LEGIBLE_PX = 11;
/** The lowest zoom at which step labels are legible (a hair above, against rounding). */
export const LEGIBLE_ZOOM = (LEGIBLE_PX + 0.05) / GEOMETRY.labelFontSize;
/** Screen pixels kept free around the map in the opening view. */
const MARGIN = 16;
/** A first step further right than this (map px) from the lanes' left end is where the view starts. */
const FAR_RIGHT = 800;
/** Map pixels of lane kept in view right of the right-most step when the whole map is fitted. */
const AIR_RIGHT = 40;

/** What the opening view is fitted to. */
export interface OpeningContent {
  readonly bands: readonly LaneBand[];
  /** The lanes' left and right ends. */
  readonly laneLeft: number;
  readonly laneWidth: number;
  /** The right-most step's right edge: the fit shows the content, not the lanes' room to add a step. */
  readonly contentRight?: number | undefined;
  /** The top-left corner of the chain's first step (the left-most one), if there is a step. */
  readonly start?: { readonly x: number; readonly y: number } | undefined;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

/** The zoom that fits the whole map (the lanes' headers to just past the last step) into the canvas. */
function fitZoom(content: OpeningContent, size: Size): { zoom: number; width: number; height: number } {
  const { bands, laneLeft, contentRight } = content;
  const right = contentRight === undefined ? content.laneWidth : Math.min(content.laneWidth, contentRight + AIR_RIGHT);
  const width = Math.max(1, right - laneLeft);
  const height = Math.max(
    bands.reduce((max, b) => Math.max(max, b.top + b.height), 0),
    GEOMETRY.laneMinHeight,
  );
  const room = { width: Math.max(1, size.width - 2 * MARGIN), height: Math.max(1, size.height - 2 * MARGIN) };
  return { zoom: Math.min(1, room.width / width, room.height / height), width, height };
}

/** Whether the whole map fits a canvas of this size with legible step labels (CL-R12, CL-R19). */
export function fitsLegibly(content: OpeningContent, size: Size): boolean {
  return fitZoom(content, size).zoom >= LEGIBLE_ZOOM;
}

/**
 * The opening view (rule CL-R12): the whole map, top-aligned and centred, zoomed in no further
 * than 1, when its step labels are legible (at least 11 px on screen) at that zoom; otherwise
 * the zoom at which they are legible, starting at the beginning of the chain (its first step's
 * lane at the top, the lanes' left end at the left unless the chain starts further right).
 */
export function initialViewport(content: OpeningContent, size: Size): Viewport {
  const { bands, laneLeft, start } = content;
  const { zoom: fit, width, height } = fitZoom(content, size);
  if (fit >= LEGIBLE_ZOOM) {
    return { x: (size.width - width * fit) / 2 - laneLeft * fit, y: MARGIN, zoom: fit };
  }
  const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, LEGIBLE_ZOOM));
  // The lanes' left end (their headers), unless the chain starts far right of it.
  const left = start && start.x - laneLeft > FAR_RIGHT ? start.x - GEOMETRY.laneHeaderWidth : laneLeft;
  const lane = start ? bands.find((b) => start.y >= b.top && start.y < b.top + b.height) : undefined;
  // The first step's lane at the top, but never past the bottom of the last lane.
  const lowest = size.height - MARGIN - height * zoom;
  const y = Math.min(MARGIN, Math.max(MARGIN - (lane?.top ?? 0) * zoom, lowest));
  return { x: MARGIN - left * zoom, y, zoom };
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
