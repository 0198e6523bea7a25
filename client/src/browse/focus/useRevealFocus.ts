import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { LEGIBLE_ZOOM } from '../../canvas/initialViewport';
import type { EditorSession } from '../../session/EditorSession';
import { useSession } from '../../session/sessionContext';
import { useBrowse } from '../browseStore';
import { focusNodeId } from '../useBrowseSync';
import { litSets } from './litSets';

/** Screen pixels kept free around what is brought into view. */
const MARGIN = 48;
/** The zoom used when the lit part does not fit legibly: labels well above 11 px. */
const READING_ZOOM = Math.max(LEGIBLE_ZOOM, 0.9);

/**
 * Brings the focus into view when asked (a search hit, a deep link, the panel, the text view;
 * rule CL-B5): the whole lit part, centred, when it fits at a zoom where labels are legible
 * (at most 1), else the focused step (a flow's first step, a partner's first step) centred at a
 * legible zoom. The first reveal after opening jumps; later ones glide.
 */
export function useRevealFocus(): void {
  const flow = useReactFlow();
  const session = useSession();
  const reveal = useBrowse((s) => s.reveal);
  const show = useBrowse((s) => s.show);
  const ready = useStore((s) => s.nodeLookup.size > 0 && s.width > 0 && s.height > 0);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const done = useRef(-1);
  useEffect(() => {
    if (show !== 'map' || !ready || done.current === reveal) return;
    const { focus, depth } = useBrowse.getState();
    const lit = litSets(session.snapshots.getSnapshot(), focus, depth);
    if (!focus || !lit) return;
    const first = done.current === -1;
    done.current = reveal;
    // Measured and moved in the next frame: the highlight's own commit stays short (bench/browse.ts).
    requestAnimationFrame(() => move(flow, session, first, { width, height }));
  }, [flow, session, reveal, show, ready, width, height]);
}

/** Brings the current focus into view (see `useRevealFocus`). */
function move(
  flow: ReturnType<typeof useReactFlow>,
  session: EditorSession,
  first: boolean,
  { width, height }: { width: number; height: number },
): void {
  const { focus, depth } = useBrowse.getState();
  const lit = litSets(session.snapshots.getSnapshot(), focus, depth);
  if (!focus || !lit) return;
  const boxes = [...lit.steps].flatMap((id) => {
    const n = flow.getNode(id);
    return n ? [{ x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 }] : [];
  });
  if (boxes.length === 0) return;
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  const fit = Math.min(1, (width - 2 * MARGIN) / (right - left), (height - 2 * MARGIN) / (bottom - top));
  const duration = first ? 0 : 250;
  if (fit >= LEGIBLE_ZOOM) {
    void flow.setCenter((left + right) / 2, (top + bottom) / 2, { zoom: Math.min(fit, 1), duration });
    return;
  }
  const anchorId =
    focus.kind === 'step'
      ? focus.id
      : focus.kind === 'flow'
        ? session.snapshots.getSnapshot().flowById.get(focus.id)?.from
        : [...lit.steps].find((id) => session.snapshots.getSnapshot().stepById.get(id)?.partner === focus.id);
  const anchor = flow.getNode(anchorId ?? focusNodeId(focus));
  if (!anchor) return;
  // The lanes fill the height when they fit in it; else the focused step is the middle.
  const lanes = flow.getNodes().filter((n) => n.type === 'lane');
  const lanesTop = Math.min(...lanes.map((n) => n.position.y));
  const lanesBottom = Math.max(...lanes.map((n) => n.position.y + (n.height ?? 0)));
  const fits = lanes.length > 0 && (lanesBottom - lanesTop) * READING_ZOOM <= height - 2 * MARGIN;
  const y = fits ? (lanesTop + lanesBottom) / 2 : anchor.position.y + (anchor.height ?? 0) / 2;
  void flow.setCenter(anchor.position.x + (anchor.width ?? 0) / 2, y, { zoom: READING_ZOOM, duration });
}
