import type { ReactFlowInstance } from '@xyflow/react';
import { isLaneNodeId } from '../../store/laneNodeIds';
import type { FlowEdge, MapNode } from '../derive/flowTypes';

/** An element that can take focus: HTML, or SVG such as React Flow's edges. */
export type Focusable = HTMLElement | SVGElement;

/** What the browser's Tab key may land on. */
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The elements Tab visits inside `root` (itself included), in document order. */
export function tabbables(root: Element): Focusable[] {
  const found = [root, ...root.querySelectorAll(TABBABLE)];
  return found.filter(
    (el): el is Focusable =>
      (el instanceof HTMLElement || el instanceof SVGElement) &&
      el.tabIndex >= 0 &&
      el.matches(TABBABLE) &&
      el.getClientRects().length > 0 &&
      !el.closest('[inert]'),
  );
}

/** The node or edge element of a map id, if React Flow draws it now. */
export function itemElement(container: Element, id: string): Focusable | null {
  const escaped = CSS.escape(id);
  return container.querySelector<Focusable>(
    `.react-flow__node[data-id="${escaped}"], .react-flow__edge[data-id="${escaped}"]`,
  );
}

type Flow = ReactFlowInstance<MapNode, FlowEdge>;

/** How long an item brought into view may take to be drawn and take the focus. */
const FOCUS_PATIENCE_MS = 3_000;
/** How long the focus must stay on the item before it is left to itself. */
const FOCUS_HOLD_MS = 500;
/** How often an item not drawn is brought into view again while waiting for it. */
const RESHOW_MS = 300;
/** Counts `focusItem` calls; a call's watch ends when a later one begins. */
let latestCall = 0;

/**
 * Focuses a node or edge of the map (its first or last tabbable part). React Flow draws only
 * what is in view, so one that is off screen is first brought into view, then focused once
 * drawn. A node React Flow has just added is in the page but hidden until it is measured, and
 * cannot take the focus yet; and a focused item can lose it again as the view settles (React
 * Flow pans to a focused node, and a lane's header is drawn anew when the view moves). So the
 * focus is checked each frame: given again while it is nowhere (the item brought back into view
 * should the view have moved it out, as a zoom still animating does), until it has stayed on the item
 * for `FOCUS_HOLD_MS`, the person has moved it elsewhere, or `FOCUS_PATIENCE_MS` have passed
 * (rule CL-K1). Times rather than counts of frames: on a busy machine frames keep coming while
 * React has not yet drawn the node.
 */
export function focusItem(container: Element, flow: Flow, id: string, where: 'first' | 'last' = 'first'): void {
  // Only the latest call keeps watching: an earlier item still in its hold would otherwise take
  // the focus back while the view moves to this one (the focus is briefly nowhere then).
  const mine = ++latestCall;
  const focus = (el: Focusable): void => {
    const inside = tabbables(el);
    (where === 'last' ? inside[inside.length - 1] : inside[0])?.focus();
  };
  /** Brings the item into view; false when the map has no such item. */
  const show = (): boolean => {
    const centre = centreOf(flow, id);
    if (centre) void flow.setCenter(centre.x, centre.y, { zoom: flow.getZoom() });
    return centre !== null;
  };
  const drawn = itemElement(container, id);
  if (drawn) focus(drawn);
  else if (!show()) return;
  // Where the focus was when this began: if it moves elsewhere meanwhile (a click, another
  // key), this focus is no longer wanted.
  const from = document.activeElement;
  const until = performance.now() + FOCUS_PATIENCE_MS;
  let landedAt: number | undefined;
  let shownAt = performance.now();
  const check = (): void => {
    if (mine !== latestCall) return;
    const now = performance.now();
    const active = document.activeElement;
    const el = itemElement(container, id);
    if (el && active && el.contains(active)) {
      landedAt ??= now;
      if (now - landedAt >= FOCUS_HOLD_MS) return;
    } else if (active !== document.body && (landedAt !== undefined || active !== from)) return;
    else if (el) focus(el);
    // Gone from view while the focus is nowhere (the view was still moving, a zoom's animation):
    // brought back, leaving React Flow a few frames to draw it before asking again.
    else if (now - shownAt >= RESHOW_MS) {
      shownAt = now;
      if (!show()) return;
    }
    if (now < until) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** The middle of a node in map coordinates; for a wide lane, the middle of its left part. */
function middle(node: MapNode): { x: number; y: number } {
  const w = node.width ?? node.measured?.width ?? 0;
  const h = node.height ?? node.measured?.height ?? 0;
  return { x: node.position.x + (isLaneNodeId(node.id) ? Math.min(w, 600) : w) / 2, y: node.position.y + h / 2 };
}

/** Where to centre the view to show an item: a step's middle, a lane's header, a flow's midpoint. */
function centreOf(flow: Flow, id: string): { x: number; y: number } | null {
  const node = flow.getNode(id);
  if (node) return middle(node);
  const edge = flow.getEdge(id);
  const a = edge && flow.getNode(edge.source);
  const b = edge && flow.getNode(edge.target);
  if (!a || !b) return null;
  const [p, q] = [middle(a), middle(b)];
  return { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
}

/** The first tabbable element after (or the last one before) `container` in the page, wrapping around. */
export function tabbableOutside(container: Element, forward: boolean): Focusable | null {
  const all = tabbables(document.body).filter((el) => !container.contains(el));
  const after = all.filter((el) => container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = all.filter((el) => container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  return forward ? (after[0] ?? before[0] ?? null) : (before[before.length - 1] ?? after[after.length - 1] ?? null);
}
