import { GEOMETRY } from '@ketenkaart/shared';
import { memo } from 'react';
import type { MapNode } from '../derive/flowTypes';

/**
 * One lane or step as a plain rectangle, in map coordinates. Memoized on the node object (the
 * deriver keeps it while nothing it shows changes): a remote edit redraws only its own
 * rectangle, not all of a big map's.
 */
const OverviewRect = memo(function OverviewRect({ node: n }: { node: MapNode }) {
  return n.type === 'lane' ? (
    <rect
      x={n.position.x}
      y={n.position.y}
      width={n.width}
      height={n.height}
      fill={n.data.partner.color}
      fillOpacity={0.18}
    />
  ) : (
    <rect
      x={n.position.x}
      y={n.position.y}
      width={n.width ?? GEOMETRY.stepWidth}
      height={n.height ?? GEOMETRY.stepHeight}
      fill={n.data.color}
    />
  );
});

/** The minimap's lanes and steps. */
export const OverviewContent = memo(function OverviewContent({ nodes }: { nodes: readonly MapNode[] }) {
  return (
    <>
      {nodes.map((n) => (
        <OverviewRect key={n.id} node={n} />
      ))}
    </>
  );
});
