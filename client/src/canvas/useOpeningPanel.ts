import { useLayoutEffect, useState, type RefObject } from 'react';
import { useSession } from '../session/sessionContext';
import { useHistoryUi } from '../store/historyUi';
import { useUi } from '../store/uiStore';
import { useNarrow } from '../ui/useNarrow';
import { fitsLegibly, type OpeningContent } from './initialViewport';

/** Deciding; or decided, with the sheet's height and, if the panel was closed, the width before. */
type Phase = 'deciding' | { readonly covered: number; readonly closedAt?: number };
type Size = { readonly width: number; readonly height: number };

/** Whether the canvas has its opening size, and the part of it no panel or sheet covers. */
export interface OpeningArea {
  readonly ready: boolean;
  readonly visible: Size | null;
}

/**
 * Rule CL-R19: on a wide screen the details panel opens beside the canvas. When the whole map
 * fits the canvas legibly only without the panel, the panel closes before the map is first drawn
 * (its button in the top bar opens it again), so the opening view shows every step, legibly, and
 * none of them behind the panel. On a phone the details sheet covers the bottom of the canvas:
 * the opening view is fitted above it. Decided once per canvas, when its content is known.
 */
export function useOpeningPanel(
  container: RefObject<HTMLElement | null>,
  size: Size | null,
  content: OpeningContent,
  known: boolean,
): OpeningArea {
  const [phase, setPhase] = useState<Phase>('deciding');
  const session = useSession();
  const narrow = useNarrow();
  const historyOpen = useHistoryUi((s) => s.open);
  const sidePanel = useUi((s) => s.panelOpen && !s.browsing) && session.editable && !narrow && !historyOpen;
  // Drawn once the canvas has grown into the panel's room (or the panel came back).
  const closedAt = phase === 'deciding' ? undefined : phase.closedAt;
  // Once the canvas has grown into the panel's room (or the panel came back), it is decided for
  // good: later sizes (a print, a panel opened) must not unmount the map.
  if (phase !== 'deciding' && closedAt !== undefined && size !== null && (size.width > closedAt || sidePanel)) {
    setPhase({ covered: phase.covered });
  }
  const ready = phase !== 'deciding' && closedAt === undefined;
  useLayoutEffect(() => {
    if (phase !== 'deciding' || !size || !known) return;
    const parent = container.current?.parentElement;
    const whole = parent?.clientWidth ?? size.width;
    const sheet = parent?.querySelector('.kk-sheet')?.getBoundingClientRect().height ?? 0;
    const wider = { width: whole, height: size.height };
    const close = sidePanel && whole > size.width && !fitsLegibly(content, size) && fitsLegibly(content, wider);
    if (close) useUi.getState().setPanelOpen(false);
    // The decision needs the laid-out width of the canvas's parent, so it is made after layout,
    // before the first paint of the map.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPhase({ covered: Math.min(sheet, size.height / 2), ...(close ? { closedAt: size.width } : {}) });
  }, [phase, size, known, sidePanel, content, container]);
  const covered = phase === 'deciding' ? 0 : phase.covered;
  const visible = size && { width: size.width, height: Math.max(1, size.height - covered) };
  return { ready, visible };
}
