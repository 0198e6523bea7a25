import { GEOMETRY, type StepKind } from '@ketenkaart/shared';
import { memo } from 'react';

interface Props {
  readonly kind: StepKind;
  readonly color: string;
  /** The box's size (a step's box grows with its label); the smallest box by default. */
  readonly width?: number;
  readonly height?: number;
}

/** The outline of a step; each of the five kinds has its own shape. */
export const StepShape = memo(function StepShape({
  kind,
  color,
  width: W = GEOMETRY.stepWidth,
  height: H = GEOMETRY.stepHeight,
}: Props) {
  return (
    <svg className="kk-step-shape" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      {kind === 'start' && (
        <rect
          x={1}
          y={1}
          width={W - 2}
          height={H - 2}
          rx={Math.min(H / 2, 32)}
          className="kk-fill-start"
          stroke={color}
          strokeWidth={2}
        />
      )}
      {kind === 'activity' && (
        <rect
          x={1}
          y={1}
          width={W - 2}
          height={H - 2}
          rx={6}
          className="kk-fill-activity"
          stroke={color}
          strokeWidth={2}
        />
      )}
      {kind === 'decision' && (
        <polygon
          points={`${W / 2},1 ${W - 1},${H / 2} ${W / 2},${H - 1} 1,${H / 2}`}
          className="kk-fill-decision"
          stroke={color}
          strokeWidth={2}
        />
      )}
      {kind === 'register' && (
        <g className="kk-fill-register" stroke={color} strokeWidth={2}>
          <path d={`M1,9 A${W / 2 - 1},8 0 0 1 ${W - 1},9 L${W - 1},${H - 9} A${W / 2 - 1},8 0 0 1 1,${H - 9} Z`} />
          <path d={`M1,9 A${W / 2 - 1},8 0 0 0 ${W - 1},9`} fill="none" />
        </g>
      )}
      {kind === 'end' && (
        <g stroke={color}>
          <rect x={1.5} y={1.5} width={W - 3} height={H - 3} rx={H / 2} className="kk-fill-end" strokeWidth={3} />
          <rect x={6} y={6} width={W - 12} height={H - 12} rx={H / 2 - 5} fill="none" strokeWidth={1.5} />
        </g>
      )}
    </svg>
  );
});
