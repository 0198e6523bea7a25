import { GEOMETRY, type LaneBand } from '@ketenkaart/shared';
import { useReactFlow } from '@xyflow/react';
import type { PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapNode } from '../derive/flowTypes';
import { OverviewContent } from './OverviewContent';
import { VisibleArea } from './VisibleArea';

const WIDTH = 200;
const HEIGHT = 130;

interface Props {
  readonly nodes: readonly MapNode[];
  readonly bands: readonly LaneBand[];
  readonly laneLeft: number;
  readonly laneWidth: number;
}

/**
 * The minimap: lanes and steps in one SVG drawn from the derived nodes, with the
 * visible area on top; click or drag in it to move there. Unlike React Flow's MiniMap
 * it does not subscribe once per node, which keeps dragging fluid on big maps.
 */
export function Overview({ nodes, bands, laneLeft, laneWidth: right }: Props) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const height = Math.max(
    bands.reduce((m, b) => Math.max(m, b.top + b.height), 0),
    GEOMETRY.laneMinHeight,
  );
  const laneWidth = right - laneLeft;
  const scale = Math.min(WIDTH / laneWidth, HEIGHT / height);
  const moveTo = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.buttons !== 1 && e.type !== 'pointerdown') return;
    const r = e.currentTarget.getBoundingClientRect();
    void flow.setCenter((e.clientX - r.left) / scale + laneLeft, (e.clientY - r.top) / scale, {
      zoom: flow.getZoom(),
    });
  };
  return (
    <svg
      className="kk-overview"
      data-testid="minimap"
      role="img"
      aria-label={t('a11y.minimap')}
      width={Math.max(60, Math.ceil(laneWidth * scale))}
      height={Math.max(40, Math.ceil(height * scale))}
      onPointerDown={moveTo}
      onPointerMove={moveTo}
    >
      <g transform={`scale(${scale}) translate(${-laneLeft} 0)`}>
        <OverviewContent nodes={nodes} />
        <VisibleArea scale={scale} />
      </g>
    </svg>
  );
}
