import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useSession } from '../../session/sessionContext';
import type { FlowEdge, MapNode } from '../derive/flowTypes';
import { focusItem, itemElement, tabbableOutside, tabbables, type Focusable } from './focusItem';
import { readingOrder } from './readingOrder';

const ITEM = '.react-flow__node, .react-flow__edge';

/**
 * Tab and Shift+Tab through the map in reading order (rule CL-K1): lanes, each followed by its
 * steps, then the flows; inside a lane its own buttons. React Flow puts every edge before
 * every node in the page, and draws only what is in view, so the order is kept here, from the
 * doc. Tab from outside enters at the first lane (Shift+Tab: at the last flow); past the
 * ends, focus leaves the canvas.
 */
export function useTabOrder(container: RefObject<HTMLElement | null>): void {
  const session = useSession();
  const flow = useReactFlow<MapNode, FlowEdge>();

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let tabbing: 'forward' | 'backward' | null = null;

    const order = (): string[] => readingOrder(session.snapshots.getSnapshot());

    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as Element;
      const item = target.closest<HTMLElement | SVGElement>(ITEM);
      const id = item?.dataset['id'];
      if (!item || id === undefined || !root.contains(item)) return;
      const inside = tabbables(item);
      const at = inside.indexOf(target as HTMLElement);
      // Within one item (a lane's buttons, a label being edited) the page order is right.
      if (at >= 0 && (e.shiftKey ? at > 0 : at < inside.length - 1)) return;
      e.preventDefault();
      tabbing = null; // the focus moves here, not by the browser
      const ids = order();
      const next = ids[ids.indexOf(id) + (e.shiftKey ? -1 : 1)];
      if (next === undefined || ids.indexOf(id) < 0) tabbableOutside(root, !e.shiftKey)?.focus();
      else focusItem(root, flow, next, e.shiftKey ? 'last' : 'first');
    };

    // Tab from outside the canvas lands on whatever React Flow put first in the page: redirect it.
    const onKeyTrack = (e: KeyboardEvent): void => {
      tabbing = e.key === 'Tab' ? (e.shiftKey ? 'backward' : 'forward') : null;
    };
    const onPointer = (): void => {
      tabbing = null;
    };
    const onFocusIn = (e: FocusEvent): void => {
      // Only a Tab from something outside the map (the focus moved by the code, or coming back
      // from nowhere after the focused item scrolled out of view, is left alone).
      const from = e.relatedTarget as Node | null;
      if (!tabbing || !from || root.contains(from)) return;
      const item = (e.target as Element).closest(ITEM);
      if (!item) return;
      const ids = order();
      const entry = tabbing === 'forward' ? ids[0] : ids[ids.length - 1];
      if (entry === undefined) return;
      const landed = e.target as Focusable;
      focusItem(root, flow, entry, tabbing === 'forward' ? 'first' : 'last');
      // An entry off screen (or drawn but not yet measured) takes the focus a few frames later:
      // until then the focus must not rest on the item the browser picked (a flow, announced and
      // outlined as if it were the first stop).
      if (document.activeElement === landed && !itemElement(root, entry)?.contains(landed)) landed.blur();
    };

    root.addEventListener('keydown', onKeyDown);
    root.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyTrack, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      root.removeEventListener('keydown', onKeyDown);
      root.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyTrack, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [container, flow, session]);
}
