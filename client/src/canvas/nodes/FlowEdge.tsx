import { routeFlow, type Point, type Route } from '@ketenkaart/shared';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { editFlow } from '../../commands/flows';
import { useSession } from '../../session/sessionContext';
import { useUi } from '../../store/uiStore';
import { InlineEdit } from '../../ui/InlineEdit';
import { useCanvasTexts } from '../canvasTexts';
import type { FlowEdge as FlowEdgeType } from '../derive/flowTypes';
import { useFlowGeometry } from '../useFlowGeometry';

/**
 * How far React Flow's connection points lie outside the step box: half a handle (10 px wide,
 * centred on the box's side, styles.css). The route starts and ends on the box itself.
 */
const HANDLE_OUTSET = 5;

/** An SVG path through the route's corners, with slightly rounded bends. */
function pathOf(points: readonly Point[]): string {
  const r = 6;
  let d = `M${points[0]?.x ?? 0},${points[0]?.y ?? 0}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Point;
    const prev = points[i - 1] as Point;
    const next = points[i + 1];
    if (!next) {
      d += ` L${p.x},${p.y}`;
      break;
    }
    // Cut the corner by at most r, and at most half of either run.
    const inLen = Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y);
    const outLen = Math.abs(next.x - p.x) + Math.abs(next.y - p.y);
    const c = Math.min(r, inLen / 2, outLen / 2);
    const a = { x: p.x - Math.sign(p.x - prev.x) * c, y: p.y - Math.sign(p.y - prev.y) * c };
    const b = { x: p.x + Math.sign(next.x - p.x) * c, y: p.y + Math.sign(next.y - p.y) * c };
    d += ` L${a.x},${a.y} Q${p.x},${p.y} ${b.x},${b.y}`;
  }
  return d;
}

/**
 * The route to draw: the derived one (from the doc, with the shared geometry, CL-R18), or, only
 * while this person drags steps or a lane, a new one from where React Flow has the steps now. React
 * Flow's connection points are used for nothing else: they depend on the handles' measured size
 * (larger on touch screens) and, for a node not measured yet (one that just came into view, or
 * moved there by a layout), lie at the canvas origin, which drew flows off to the top left.
 */
function useLiveRoute(props: EdgeProps<FlowEdgeType>, live: boolean): Route | null {
  const { id, sourceX, sourceY, targetX, targetY } = props;
  const data = useFlowGeometry(id);
  return useMemo(() => {
    if (!data) return null;
    if (!live) return data.route;
    // The handles are in the middle of the sides; the flow's ends may lie beside it (SH-R3).
    const { route, fromSize, toSize, ends } = data;
    const s = { x: sourceX - HANDLE_OUTSET, y: sourceY + ends.from };
    const t = { x: targetX + HANDLE_OUTSET, y: targetY + ends.to };
    const first = route.points[0];
    const last = route.points[route.points.length - 1];
    if (first && last && near(first, s) && near(last, t)) return route;
    return routeFlow({
      from: { x: s.x - fromSize.width, y: sourceY - fromSize.height / 2, ...fromSize },
      to: { x: t.x, y: targetY - toSize.height / 2, ...toSize },
      obstacles: data.obstacles,
      borders: data.borders,
      label: data.labelSize,
      ends,
    });
  }, [data, live, sourceX, sourceY, targetX, targetY]);
}

const near = (a: Point, b: Point): boolean => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/**
 * A flow, routed with right angles from the source's right side to the target's left side;
 * koppelvlakken are drawn thick and orange, a knelpunt gets a coloured marker with its note.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, data, selected } = props;
  const texts = useCanvasTexts();
  const session = useSession();
  const editing = useUi((s) => s.editing === id);
  const setEditing = useUi((s) => s.setEditing);
  const dragging = useUi((s) => s.dragging.size > 0);
  const route = useLiveRoute(props, dragging);
  if (!data || !route) return null;
  const path = pathOf(route.points);
  const { x: labelX, y: labelY } = route.label;
  const { flow, koppelvlak, editable } = data;
  const marker = flow.status !== 'ok';
  const classes = ['kk-flow', `kk-flow-${flow.kind}`, koppelvlak && 'kk-koppelvlak', selected && 'kk-selected']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes}
        markerEnd={koppelvlak ? 'url(#kk-arrow-kv)' : 'url(#kk-arrow)'}
        interactionWidth={16}
      />
      {(flow.label || marker || editing) && (
        <EdgeLabelRenderer>
          <div
            className={`kk-flow-label nopan${koppelvlak ? ' kk-koppelvlak' : ''}${selected ? ' kk-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="flow-label"
            data-flow-id={id}
            data-koppelvlak={koppelvlak}
            onDoubleClick={() => editable && setEditing(id)}
          >
            {marker && (
              <span
                className={`kk-marker kk-marker-${flow.status}`}
                role="img"
                aria-label={`${texts.status[flow.status]}${flow.note ? `: ${flow.note}` : ''}`}
                title={flow.note || texts.status[flow.status]}
                data-testid="flow-status"
                data-status={flow.status}
              >
                !
              </span>
            )}
            {editing ? (
              <InlineEdit
                value={flow.label}
                label={texts.flowLabel}
                onCommit={(label) => editFlow(session.doc, id, { label })}
                onDone={() => setEditing(null)}
              />
            ) : (
              flow.label && <span>{flow.label}</span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
