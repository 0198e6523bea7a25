/** Outlines as path segments: rounded rectangles, diamonds, cylinders, circles, arrowheads, flow lines. */
import type { Point } from '../geometry/route.js';
import type { PathSegment } from './types.js';

/** How far along a quarter ellipse's tangents its cubic Bézier's control points lie. */
const K = 0.5522847498;

/** A rectangle with corners rounded by `r` (at most half its shorter side). */
export function roundedRect(x: number, y: number, w: number, h: number, r: number): PathSegment[] {
  const c = Math.max(0, Math.min(r, w / 2, h / 2));
  if (c === 0)
    return [
      { op: 'M', x, y },
      { op: 'L', x: x + w, y },
      { op: 'L', x: x + w, y: y + h },
      { op: 'L', x, y: y + h },
      { op: 'Z' },
    ];
  const k = c * K;
  return [
    { op: 'M', x: x + c, y },
    { op: 'L', x: x + w - c, y },
    { op: 'C', x1: x + w - c + k, y1: y, x2: x + w, y2: y + c - k, x: x + w, y: y + c },
    { op: 'L', x: x + w, y: y + h - c },
    { op: 'C', x1: x + w, y1: y + h - c + k, x2: x + w - c + k, y2: y + h, x: x + w - c, y: y + h },
    { op: 'L', x: x + c, y: y + h },
    { op: 'C', x1: x + c - k, y1: y + h, x2: x, y2: y + h - c + k, x, y: y + h - c },
    { op: 'L', x, y: y + c },
    { op: 'C', x1: x, y1: y + c - k, x2: x + c - k, y2: y, x: x + c, y },
    { op: 'Z' },
  ];
}

export const rect = (x: number, y: number, w: number, h: number): PathSegment[] => roundedRect(x, y, w, h, 0);

export function diamond(x: number, y: number, w: number, h: number): PathSegment[] {
  return [
    { op: 'M', x: x + w / 2, y },
    { op: 'L', x: x + w, y: y + h / 2 },
    { op: 'L', x: x + w / 2, y: y + h },
    { op: 'L', x, y: y + h / 2 },
    { op: 'Z' },
  ];
}

/** Half an ellipse of radii rx, ry around (cx, cy), from its left to its right point, over the top (`up`) or bottom. */
function halfEllipse(cx: number, cy: number, rx: number, ry: number, up: boolean, leftToRight: boolean): PathSegment[] {
  const s = up ? -1 : 1;
  const d = leftToRight ? 1 : -1;
  const x0 = cx - d * rx;
  return [
    { op: 'C', x1: x0, y1: cy + s * ry * K, x2: cx - d * rx * K, y2: cy + s * ry, x: cx, y: cy + s * ry },
    { op: 'C', x1: cx + d * rx * K, y1: cy + s * ry, x2: cx + d * rx, y2: cy + s * ry * K, x: cx + d * rx, y: cy },
  ];
}

/** A register's cylinder (the canvas's shape): the body, and the front edge of its top. */
export function cylinder(x: number, y: number, w: number, h: number): { body: PathSegment[]; rim: PathSegment[] } {
  const ry = 8;
  const top = y + 9;
  const bottom = y + h - 9;
  const cx = x + w / 2;
  const rx = w / 2;
  return {
    body: [
      { op: 'M', x, y: top },
      ...halfEllipse(cx, top, rx, ry, true, true),
      { op: 'L', x: x + w, y: bottom },
      ...halfEllipse(cx, bottom, rx, ry, false, false),
      { op: 'Z' },
    ],
    rim: [{ op: 'M', x, y: top }, ...halfEllipse(cx, top, rx, ry, false, true)],
  };
}

export function circle(cx: number, cy: number, r: number): PathSegment[] {
  return [
    { op: 'M', x: cx - r, y: cy },
    ...halfEllipse(cx, cy, r, r, true, true),
    ...halfEllipse(cx, cy, r, r, false, false),
    { op: 'Z' },
  ];
}

/** The line through a route's corners with slightly rounded bends (as the canvas draws it). */
export function flowLine(points: readonly Point[]): PathSegment[] {
  const r = 6;
  const first = points[0] ?? { x: 0, y: 0 };
  const out: PathSegment[] = [{ op: 'M', x: first.x, y: first.y }];
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Point;
    const prev = points[i - 1] as Point;
    const next = points[i + 1];
    if (!next) {
      out.push({ op: 'L', x: p.x, y: p.y });
      break;
    }
    const inLen = Math.abs(p.x - prev.x) + Math.abs(p.y - prev.y);
    const outLen = Math.abs(next.x - p.x) + Math.abs(next.y - p.y);
    const c = Math.min(r, inLen / 2, outLen / 2);
    const a = { x: p.x - Math.sign(p.x - prev.x) * c, y: p.y - Math.sign(p.y - prev.y) * c };
    const b = { x: p.x + Math.sign(next.x - p.x) * c, y: p.y + Math.sign(next.y - p.y) * c };
    out.push({ op: 'L', x: a.x, y: a.y });
    // The canvas's quadratic bend through the corner, as the equivalent cubic.
    out.push({
      op: 'C',
      x1: a.x + (2 / 3) * (p.x - a.x),
      y1: a.y + (2 / 3) * (p.y - a.y),
      x2: b.x + (2 / 3) * (p.x - b.x),
      y2: b.y + (2 / 3) * (p.y - b.y),
      x: b.x,
      y: b.y,
    });
  }
  return out;
}

/** A filled arrowhead whose tip is `tip`, pointing from `from` towards it. */
export function arrowhead(from: Point, tip: Point, length: number): PathSegment[] {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const n = Math.hypot(dx, dy) || 1;
  const ux = dx / n;
  const uy = dy / n;
  const bx = tip.x - ux * length;
  const by = tip.y - uy * length;
  const half = length / 2;
  return [
    { op: 'M', x: tip.x, y: tip.y },
    { op: 'L', x: bx - uy * half, y: by + ux * half },
    { op: 'L', x: bx + uy * half, y: by - ux * half },
    { op: 'Z' },
  ];
}
