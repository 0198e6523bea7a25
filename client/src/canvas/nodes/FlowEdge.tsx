import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { editFlow } from '../../commands/flows';
import { useSession } from '../../session/sessionContext';
import { useUi } from '../../store/uiStore';
import { InlineEdit } from '../../ui/InlineEdit';
import { useCanvasTexts } from '../canvasTexts';
import type { FlowEdge as FlowEdgeType } from '../derive/flowTypes';

/** A flow; koppelvlakken are drawn thick and orange, a knelpunt gets a coloured marker with its note. */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const texts = useCanvasTexts();
  const session = useSession();
  const editing = useUi((s) => s.editing === id);
  const setEditing = useUi((s) => s.setEditing);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
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
