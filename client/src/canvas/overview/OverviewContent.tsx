import { GEOMETRY } from '@ketenkaart/shared';
import { memo, useMemo } from 'react';
import type { MapNode } from '../derive/flowTypes';

interface Shapes {
  readonly lanes: readonly { id: string; x: number; y: number; width: number; height: number; color: string }[];
  /** The steps of one colour as one path of rectangles, in map coordinates. */
  readonly steps: readonly { color: string; d: string }[];
}

/** Lanes as rectangles; the steps as one path per colour, whatever their number. */
function shapesOf(nodes: readonly MapNode[]): Shapes {
  const lanes: Shapes['lanes'][number][] = [];
  const paths = new Map<string, string[]>();
  for (const n of nodes) {
    const { x, y } = n.position;
    if (n.type === 'lane') {
      lanes.push({ id: n.id, x, y, width: n.width ?? 0, height: n.height ?? 0, color: n.data.partner.color });
      continue;
    }
    const w = n.width ?? GEOMETRY.stepWidth;
    const h = n.height ?? GEOMETRY.stepHeight;
    let parts = paths.get(n.data.color);
    if (!parts) paths.set(n.data.color, (parts = []));
    parts.push(`M${x} ${y}h${w}v${h}h${-w}z`);
  }
  return { lanes, steps: [...paths].map(([color, parts]) => ({ color, d: parts.join('') })) };
}

/**
 * The minimap's lanes and steps. A big map's steps are a handful of paths (one per colour), not an
 * element each: a thousand steps would otherwise be a thousand elements made before the map's
 * first paint, and compared on every edit.
 */
export const OverviewContent = memo(function OverviewContent({ nodes }: { nodes: readonly MapNode[] }) {
  const { lanes, steps } = useMemo(() => shapesOf(nodes), [nodes]);
  return (
    <>
      {lanes.map((l) => (
        <rect key={l.id} x={l.x} y={l.y} width={l.width} height={l.height} fill={l.color} fillOpacity={0.18} />
      ))}
      {steps.map((s) => (
        <path key={s.color} d={s.d} fill={s.color} />
      ))}
    </>
  );
});
