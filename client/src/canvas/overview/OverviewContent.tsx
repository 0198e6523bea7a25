import { GEOMETRY } from '@ketenkaart/shared';
import { memo } from 'react';
import type { MapNode } from '../derive/flowTypes';

/** The minimap's lanes and steps as plain rectangles, in map coordinates. */
export const OverviewContent = memo(function OverviewContent({ nodes }: { nodes: readonly MapNode[] }) {
  return (
    <>
      {nodes.map((n) =>
        n.type === 'lane' ? (
          <rect
            key={n.id}
            x={n.position.x}
            y={n.position.y}
            width={n.width}
            height={n.height}
            fill={n.data.partner.color}
            fillOpacity={0.18}
          />
        ) : (
          <rect
            key={n.id}
            x={n.position.x}
            y={n.position.y}
            width={n.width ?? GEOMETRY.stepWidth}
            height={n.height ?? GEOMETRY.stepHeight}
            fill={n.data.color}
          />
        ),
      )}
    </>
  );
});
