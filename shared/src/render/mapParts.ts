/**
 * The map itself as primitives (rule SH-X1): lanes with their names, steps in their kind's
 * shape with their labels as `stepBox` wraps them, flows routed as the canvas routes them
 * (`flowSurroundings`, `flowEnds` + `routeFlow`) with arrowheads, labels and status markers.
 */
import { GEOMETRY } from '../geometry/constants.js';
import {
  flowLabelSize,
  flowSurroundings,
  FLOW_LABEL_MARKER,
  FLOW_LABEL_MAX_WIDTH,
  FLOW_LABEL_PADDING,
  StepIndex,
} from '../geometry/flowContext.js';
import { laneBands, type LaneBand } from '../geometry/lanes.js';
import { flowEnds } from '../geometry/flowEnds.js';
import { routeFlow, type Box, type Point } from '../geometry/route.js';
import { stepBox } from '../geometry/stepBox.js';
import type { Flow, MapSnapshot, Partner, Step } from '../model/types.js';
import { measureText, wrapLabel } from '../text/measure.js';
import { arrowhead, circle, cylinder, diamond, flowLine, rect, roundedRect } from './shapes.js';
import { baseline, path, type Sketch } from './sketch.js';
import { COLORS, flowStroke, normalHex, STATUS_COLOR, STEP_FILL, tint } from './style.js';
import type { Primitive } from './types.js';
import { WORDS } from './words.js';

/** Where the map's parts ended up, for the highlight and the legend. */
export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: ReadonlyMap<string, LaneBand>;
  readonly boxes: ReadonlyMap<string, Box>;
  readonly koppelvlak: boolean;
}

const LANE_NAME_SIZE = 16;
const LANE_NAME_LINE = 20;
const LANE_BAR = 6;
const LANE_NAME_PAD = 8;

/** The colour a lane is drawn in (the unassigned lane is grey). */
export const laneColor = (p: Partner): string => (p.unassigned ? COLORS.unassigned : normalHex(p.color));
/** The name a lane shows. */
export const laneName = (p: Partner): string => (p.unassigned ? WORDS.unassigned : p.name);

/**
 * Draws `map` with its top-left corner at (x0, y0). Steps are shifted left or right so that the
 * leftmost sits where the canvas starts its first column (`laneHeaderWidth + columnGap`); a poster
 * of a map far to the right of the origin has no empty stretch.
 */
export function drawMap(sketch: Sketch, map: MapSnapshot, x0: number, y0: number): MapLayout {
  const bands = laneBands(map);
  const minX = map.steps.reduce((m, s) => Math.min(m, s.x), Number.POSITIVE_INFINITY);
  const dx = x0 + (Number.isFinite(minX) ? GEOMETRY.laneHeaderWidth + GEOMETRY.columnGap - minX : 0);
  const lanes = new Map(bands.map((b) => [b.partner, { ...b, top: b.top + y0 }]));
  const boxes = new Map<string, Box>();
  let right = x0 + GEOMETRY.laneHeaderWidth + 2 * GEOMETRY.columnGap + GEOMETRY.stepWidth;
  for (const s of map.steps) {
    const b = stepBox(s);
    const box = { x: s.x + dx, y: (lanes.get(s.partner)?.top ?? y0) + s.y, width: b.width, height: b.height };
    boxes.set(s.id, box);
    right = Math.max(right, box.x + box.width + GEOMETRY.columnGap);
  }
  const width = right - x0;
  const last = bands[bands.length - 1];
  const height = last ? last.top + last.height : 0;

  for (const p of map.partners) {
    const band = lanes.get(p.id);
    if (band) drawLane(sketch, p, band, x0, width);
  }
  const borders = bands.length > 0 ? [...[...lanes.values()].map((b) => b.top), y0 + height] : [];
  const index = new StepIndex(boxes);
  const ends = flowEnds(map.flows, boxes);
  const labels: Primitive[][] = [];
  let koppelvlak = false;
  for (const f of map.flows) {
    const from = boxes.get(f.from);
    const to = boxes.get(f.to);
    const a = map.stepById.get(f.from);
    const b = map.stepById.get(f.to);
    if (!from || !to || !a || !b) continue;
    const kv = a.partner !== b.partner;
    koppelvlak ||= kv;
    const surroundings = flowSurroundings(f, from, to, index, borders);
    const route = routeFlow({ from, to, ...surroundings, ends: ends.get(f.id) });
    sketch.add('flow', drawFlowLine(f, route.points, kv), f.id);
    labels.push(drawFlowLabel(sketch, f, route.label, kv));
  }
  for (const s of map.steps) {
    const box = boxes.get(s.id);
    const p = map.partnerById.get(s.partner);
    if (box) sketch.add('step', drawStep(sketch, s, box, p ? laneColor(p) : COLORS.unassigned), s.id);
  }
  map.flows.forEach((f, i) => {
    if (labels[i]) sketch.add('flow-label', labels[i], f.id);
  });
  return { width, height, lanes, boxes, koppelvlak };
}

function drawLane(sketch: Sketch, p: Partner, band: LaneBand, x0: number, width: number): void {
  const color = laneColor(p);
  const { top, height } = band;
  const items: Primitive[] = [
    path(rect(x0, top, width, height), { fill: tint(color, 0.06) }),
    path(rect(x0, top, GEOMETRY.laneHeaderWidth, height), { fill: tint(color, 0.18) }),
    path(rect(x0, top, LANE_BAR, height), { fill: color }),
    path(
      [
        { op: 'M', x: x0, y: top },
        { op: 'L', x: x0 + width, y: top },
        { op: 'M', x: x0, y: top + height },
        { op: 'L', x: x0 + width, y: top + height },
      ],
      { stroke: tint(color, 0.35), strokeWidth: 1 },
    ),
  ];
  const inner = GEOMETRY.laneHeaderWidth - LANE_BAR - 2 * LANE_NAME_PAD;
  const maxLines = Math.max(1, Math.floor((height - 2 * LANE_NAME_PAD) / LANE_NAME_LINE));
  const { lines } = wrapLabel(laneName(p), LANE_NAME_SIZE, inner, maxLines, 'bold');
  const first = top + (height - lines.length * LANE_NAME_LINE) / 2;
  lines.forEach((line, i) => {
    items.push(
      sketch.text(
        x0 + LANE_BAR + LANE_NAME_PAD,
        baseline(first + i * LANE_NAME_LINE, LANE_NAME_SIZE, LANE_NAME_LINE),
        line,
        {
          size: LANE_NAME_SIZE,
          weight: 'bold',
          color: COLORS.text,
          anchor: 'start',
        },
      ),
    );
  });
  sketch.add('lane', items, p.id);
}

/** A step's outline in its kind's shape (the canvas's `StepShape`). */
export function stepShape(kind: Step['kind'], box: Box, color: string): Primitive[] {
  const { x, y, width: w, height: h } = box;
  const fill = STEP_FILL[kind];
  switch (kind) {
    case 'start':
      return [
        path(roundedRect(x + 1, y + 1, w - 2, h - 2, Math.min(h / 2, 32)), { fill, stroke: color, strokeWidth: 2 }),
      ];
    case 'activity':
      return [path(roundedRect(x + 1, y + 1, w - 2, h - 2, 6), { fill, stroke: color, strokeWidth: 2 })];
    case 'decision':
      return [path(diamond(x + 1, y + 1, w - 2, h - 2), { fill, stroke: color, strokeWidth: 2 })];
    case 'register': {
      const { body, rim } = cylinder(x + 1, y, w - 2, h);
      return [path(body, { fill, stroke: color, strokeWidth: 2 }), path(rim, { stroke: color, strokeWidth: 2 })];
    }
    case 'end':
      return [
        path(roundedRect(x + 1.5, y + 1.5, w - 3, h - 3, h / 2), { fill, stroke: color, strokeWidth: 3 }),
        path(roundedRect(x + 6, y + 6, w - 12, h - 12, h / 2 - 5), { stroke: color, strokeWidth: 1.5 }),
      ];
  }
}

function drawStep(sketch: Sketch, s: Step, box: Box, color: string): Primitive[] {
  const items = stepShape(s.kind, box, color);
  const { lines, truncated } = stepBox(s);
  const size = GEOMETRY.labelFontSize;
  const line = GEOMETRY.labelLineHeight;
  const first = box.y + (box.height - lines.length * line) / 2;
  lines.forEach((text, i) => {
    items.push(
      sketch.text(
        box.x + box.width / 2,
        baseline(first + i * line, size, line),
        text,
        { size, weight: 'regular', color: COLORS.text, anchor: 'middle' },
        // A label cut short keeps its whole text (the SVG's title of its last line).
        truncated && i === lines.length - 1 ? s.label : undefined,
      ),
    );
  });
  return items;
}

/** How long an arrowhead is for a line of this width (the canvas's markers: 8 and 6 stroke widths). */
const arrowLength = (width: number, kv: boolean): number => (kv ? 6 : 8) * width;

function drawFlowLine(f: Flow, points: readonly Point[], kv: boolean): Primitive[] {
  const style = flowStroke(f.kind, kv);
  const tip = points[points.length - 1] as Point;
  const before = points[points.length - 2] ?? tip;
  const length = Math.max(9, arrowLength(style.width, kv));
  // The line stops inside the arrowhead, so its end does not poke out past the tip.
  const run = Math.hypot(tip.x - before.x, tip.y - before.y) || 1;
  const back = Math.min(run, length * 0.6);
  const end = { x: tip.x - ((tip.x - before.x) / run) * back, y: tip.y - ((tip.y - before.y) / run) * back };
  const line = [...points.slice(0, -1), end];
  return [
    path(flowLine(line), {
      stroke: style.color,
      strokeWidth: style.width,
      ...(style.dash ? { dash: style.dash } : {}),
    }),
    path(arrowhead(before, tip, length), { fill: style.color }),
  ];
}

const FLOW_LABEL_SIZE = GEOMETRY.flowLabelFontSize;

function drawFlowLabel(sketch: Sketch, f: Flow, centre: Point, kv: boolean): Primitive[] {
  const routed = flowLabelSize(f);
  if (!routed) return [];
  // The route kept room for the label as the canvas sizes it (regular text); a koppelvlak's
  // label is bold, so its box is as wide as its bold text needs, on the same centre.
  const weight = kv ? 'bold' : 'regular';
  const marker = f.status !== 'ok' ? FLOW_LABEL_MARKER : 0;
  const text = f.label ? Math.ceil(measureText(f.label, FLOW_LABEL_SIZE, weight)) : 0;
  const size = { width: Math.min(FLOW_LABEL_MAX_WIDTH, text + FLOW_LABEL_PADDING + marker), height: routed.height };
  const x = centre.x - size.width / 2;
  const y = centre.y - size.height / 2;
  const items: Primitive[] = [
    path(roundedRect(x, y, size.width, size.height, 4), {
      fill: COLORS.background,
      stroke: kv ? COLORS.koppelvlak : COLORS.border,
      strokeWidth: 1,
    }),
  ];
  let textX = x + FLOW_LABEL_PADDING / 2;
  if (f.status !== 'ok') {
    const cx = textX + 8;
    items.push(path(circle(cx, centre.y, 8), { fill: STATUS_COLOR[f.status] }));
    items.push(
      sketch.text(cx, baseline(centre.y - 8, 11, 16), '!', {
        size: 11,
        weight: 'bold',
        color: COLORS.background,
        anchor: 'middle',
      }),
    );
    textX += FLOW_LABEL_MARKER;
  }
  if (f.label) {
    const room = x + size.width - FLOW_LABEL_PADDING / 2 - textX;
    const wrapped = wrapLabel(f.label, FLOW_LABEL_SIZE, Math.max(room, 1), 1, weight);
    items.push(
      sketch.text(
        textX,
        baseline(y, FLOW_LABEL_SIZE, size.height),
        wrapped.lines[0] ?? '',
        { size: FLOW_LABEL_SIZE, weight, color: kv ? COLORS.koppelvlakText : COLORS.text, anchor: 'start' },
        wrapped.truncated ? f.label : undefined,
      ),
    );
  }
  return items;
}
