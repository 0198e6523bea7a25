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

/**
 * Focuses a node or edge of the map (its first or last tabbable part). React Flow draws only
 * what is in view, so one that is off screen is first brought into view, then focused once
 * drawn (within about half a second). A node React Flow has just added is in the page but
 * hidden until it is measured, and cannot take the focus yet: the focus is tried again each
 * frame until it has landed, or the view has moved on (rule CL-K1).
 */
export function focusItem(container: Element, flow: Flow, id: string, where: 'first' | 'last' = 'first'): void {
  const focus = (el: Focusable): boolean => {
    const inside = tabbables(el);
    (where === 'last' ? inside[inside.length - 1] : inside[0])?.focus();
    return el.contains(document.activeElement);
  };
  const drawn = itemElement(container, id);
  if (drawn && focus(drawn)) return;
  if (!drawn) {
    const centre = centreOf(flow, id);
    if (!centre) return;
    void flow.setCenter(centre.x, centre.y, { zoom: flow.getZoom() });
  }
  // Where the focus was when this began: if it moves elsewhere meanwhile (a click, another
  // key), this focus is no longer wanted.
  const from = document.activeElement;
  let frames = 0;
  const retry = (): void => {
    if (document.activeElement !== from && document.activeElement !== document.body) return;
    const el = itemElement(container, id);
    if (el && focus(el)) return;
    if (++frames < 30) requestAnimationFrame(retry);
  };
  requestAnimationFrame(retry);
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
