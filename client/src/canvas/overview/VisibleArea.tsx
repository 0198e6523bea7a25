import { useStore } from '@xyflow/react';

/** The part of the map the canvas shows, as a rectangle in the minimap. */
export function VisibleArea({ scale }: { scale: number }) {
  const [x, y, zoom] = useStore((s) => s.transform);
  const w = useStore((s) => s.width);
  const h = useStore((s) => s.height);
  return (
    <rect
      className="kk-overview-view"
      x={-x / zoom}
      y={-y / zoom}
      width={w / zoom}
      height={h / zoom}
      strokeWidth={2 / scale}
    />
  );
}
