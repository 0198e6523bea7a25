import { GEOMETRY } from '@ketenkaart/shared';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Fragment, memo, type CSSProperties } from 'react';
import { editStep } from '../../commands/steps';
import { useSession } from '../../session/sessionContext';
import { useUi } from '../../store/uiStore';
import { InlineEdit } from '../../ui/InlineEdit';
import { StepShape } from '../../ui/StepShape';
import { useCanvasTexts } from '../canvasTexts';
import type { StepNode as StepNodeType } from '../derive/flowTypes';

/** Kinds whose outline needs SVG; the others are drawn with CSS borders (cheaper on big maps). */
const SVG_KINDS: ReadonlySet<string> = new Set(['decision', 'register']);

/** The label's lines, one block each, with a space between them so the text reads as one label. */
function joinLines(lines: readonly string[]) {
  return lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span>{line}</span>
    </Fragment>
  ));
}

/**
 * A process step; its shape shows its kind, its outline the partner's colour. The label is
 * drawn in the lines the shared `stepBox` broke it into (the same in every export); the whole
 * label is always in the tooltip (and the side panel).
 */
export const StepNode = memo(function StepNode({ id, data, selected, width, height }: NodeProps<StepNodeType>) {
  const texts = useCanvasTexts();
  const session = useSession();
  const editing = useUi((s) => s.editing === id);
  const setEditing = useUi((s) => s.setEditing);
  const kindName = texts.kind[data.kind];
  return (
    <div
      className={`kk-step kk-step-${data.kind}${selected ? ' kk-selected' : ''}`}
      data-testid="step"
      data-step-id={id}
      data-kind={data.kind}
      data-partner={data.partner}
      style={{ '--step-color': data.color, width, height } as CSSProperties}
      title={[data.label, kindName, data.description, data.contact && `${texts.contact}: ${data.contact}`]
        .filter(Boolean)
        .join('\n')}
    >
      {SVG_KINDS.has(data.kind) && (
        <StepShape
          kind={data.kind}
          color={data.color}
          width={width ?? GEOMETRY.stepWidth}
          height={height ?? GEOMETRY.stepHeight}
        />
      )}
      <Handle type="target" position={Position.Left} id="in" isConnectable={data.editable} />
      {editing ? (
        <InlineEdit
          value={data.label}
          label={texts.stepLabel}
          onCommit={(label) => editStep(session.doc, id, { label })}
          onDone={() => setEditing(null)}
        />
      ) : (
        <span className="kk-step-label" data-testid="step-label">
          {data.label ? joinLines(data.lines) : texts.noLabel}
        </span>
      )}
      <Handle type="source" position={Position.Right} id="out" isConnectable={data.editable} />
    </div>
  );
});
