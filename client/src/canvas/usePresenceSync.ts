import { useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, type PointerEvent } from 'react';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';

/**
 * Publishes this user's cursor (in flow coordinates), selection and viewport centre,
 * and moves our viewport along with the participant we follow.
 */
export function usePresenceSync() {
  const { presence } = useSession();
  const flow = useReactFlow();
  const selected = useUi((s) => s.selected);
  const following = useUi((s) => s.following);

  useEffect(() => presence.setSelection([...selected]), [presence, selected]);

  useEffect(() => {
    if (following === null) return undefined;
    const apply = (): void => {
      const leader = presence.participant(following);
      if (!leader) {
        useUi.getState().follow(null);
        return;
      }
      if (leader.viewport) void flow.setCenter(leader.viewport.x, leader.viewport.y, { zoom: leader.viewport.zoom });
    };
    apply();
    return presence.subscribe(apply);
  }, [following, presence, flow]);

  const onPointerMove = useCallback(
    (e: PointerEvent) => presence.setCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })),
    [presence, flow],
  );
  const onPointerLeave = useCallback(() => presence.setCursor(null), [presence]);

  const onMove = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      // A pan or zoom by the user ends following.
      if (event && useUi.getState().following !== null) useUi.getState().follow(null);
      const el = document.getElementById('kk-canvas');
      const w = el?.clientWidth ?? 0;
      const h = el?.clientHeight ?? 0;
      presence.setViewport({
        x: (w / 2 - viewport.x) / viewport.zoom,
        y: (h / 2 - viewport.y) / viewport.zoom,
        zoom: viewport.zoom,
      });
    },
    [presence],
  );

  return { onPointerMove, onPointerLeave, onMove };
}
