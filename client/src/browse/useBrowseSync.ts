import type { MapSnapshot } from '@ketenkaart/shared';
import { useEffect } from 'react';
import { useSession } from '../session/sessionContext';
import { isLaneNodeId, laneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { NARROW_QUERY, useUi } from '../store/uiStore';
import { useBrowse, type Focus } from './browseStore';
import { formatBrowseLink, parseBrowseLink } from './deepLink';

/** The map node or edge id that shows a focus. */
export const focusNodeId = (f: Focus): string => (f.kind === 'partner' ? laneNodeId(f.id) : f.id);

/**
 * Keeps browse mode in step with the rest of the page (rules CL-B3, CL-B5): a click on the map
 * (React Flow's selection) focuses what was clicked, a focus from elsewhere clears it, and the
 * address always says what is focused, at what depth and in which view; an address typed or
 * pasted later (same token) is followed.
 */
export function useBrowseSync(): void {
  const session = useSession();
  useEffect(() => {
    // A phone opens the text view unless the address says otherwise (rule CL-B7).
    const phone = typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches;
    const link = parseBrowseLink(location.hash);
    useBrowse.getState().load({ focus: link.focus, depth: link.depth, show: link.show ?? (phone ? 'text' : 'map') });
    // The selection follows the focus, and a new selection on the map becomes the focus.
    let clearing = false;
    const offUi = useUi.subscribe((s, prev) => {
      if (s.selected === prev.selected || clearing) return;
      const ids = [...s.selected];
      const map = session.snapshots.getSnapshot();
      if (ids.length !== 1) {
        // A click on the empty map ends the focus; a focus that a peer deleted stays, to say so.
        const focus = useBrowse.getState().focus;
        if (ids.length === 0 && focus && present(map, focus)) useBrowse.getState().setFocus(null);
        return;
      }
      const id = ids[0] as string;
      const focus: Focus | null = isLaneNodeId(id)
        ? { kind: 'partner', id: partnerOfLaneNode(id) }
        : map.stepById.has(id)
          ? { kind: 'step', id }
          : map.flowById.has(id)
            ? { kind: 'flow', id }
            : null;
      if (focus) useBrowse.getState().setFocus(focus);
    });
    const write = (): void => {
      const { focus, depth, show } = useBrowse.getState();
      const hash = formatBrowseLink(location.hash, {
        focus,
        depth,
        show: show === (phone ? 'text' : 'map') ? null : show,
        browse: session.editable,
      });
      if (hash !== location.hash)
        history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    };
    const offBrowse = useBrowse.subscribe((s, prev) => {
      if (s.focus !== prev.focus) {
        // A focus from elsewhere (search, panel, text, address) clears a selection made on the map
        // that names something else; it selects nothing itself: the highlight marks the focus, and
        // leaving the selection alone spares re-deriving every node of a big map.
        const want = s.focus ? focusNodeId(s.focus) : null;
        const sel = useUi.getState().selected;
        if (sel.size > 0 && !(sel.size === 1 && want !== null && sel.has(want))) {
          clearing = true;
          useUi.getState().select([]);
          clearing = false;
        }
      }
      write();
    });
    const onHash = (): void => {
      const next = parseBrowseLink(location.hash);
      const now = useBrowse.getState();
      useBrowse.getState().load({ focus: next.focus, depth: next.depth, show: next.show ?? now.show });
    };
    window.addEventListener('hashchange', onHash);
    write();
    return () => {
      offUi();
      offBrowse();
      window.removeEventListener('hashchange', onHash);
      // Leaving browse mode (an editor): the address no longer says browse.
      const hash = formatBrowseLink(location.hash, {
        focus: null,
        depth: Number.POSITIVE_INFINITY,
        show: null,
        browse: false,
      });
      if (session.editable && hash !== location.hash)
        history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    };
  }, [session]);
}

/** Whether the focused step, flow or partner is (still) in the map. */
export function present(map: MapSnapshot, f: Focus): boolean {
  return f.kind === 'step'
    ? map.stepById.has(f.id)
    : f.kind === 'flow'
      ? map.flowById.has(f.id)
      : map.partnerById.has(f.id);
}
