/**
 * The legend (rule SH-X3): only what the map uses — its step kinds, flow kinds, koppelvlakken,
 * statuses and partners — plus the highlight and the substitute mark when they are drawn.
 * Entries flow left to right in rows as wide as the drawing.
 */
import { FLOW_KINDS, STEP_KINDS, type MapSnapshot } from '../model/types.js';
import { measureText } from '../text/measure.js';
import { SUBSTITUTE } from './glyphs.js';
import { circle, rect, roundedRect } from './shapes.js';
import { baseline, path, type Sketch } from './sketch.js';
import { COLORS, flowStroke, STATUS_COLOR, tint } from './style.js';
import type { Primitive } from './types.js';
import { laneColor, laneName, stepShape } from './mapParts.js';
import { WORDS } from './words.js';

const HEADING = 18;
const TEXT = 14;
const ROW = 30;
const SYMBOL = 44;
const GAP = 10;
const ENTRY_GAP = 28;
/** The longest legend text drawn; a longer partner name ends in an ellipsis. */
const MAX_TEXT = 320;

type Symbol = (x: number, y: number) => Primitive[];
interface Entry {
  readonly symbol: Symbol;
  readonly text: string;
}

/** What the legend lists for this map. */
export function legendEntries(
  map: MapSnapshot,
  used: { readonly koppelvlak: boolean; readonly substituted: boolean; readonly highlight?: string },
): Entry[] {
  const entries: Entry[] = [];
  for (const kind of STEP_KINDS) {
    if (!map.steps.some((s) => s.kind === kind)) continue;
    entries.push({
      symbol: (x, y) => stepShape(kind, { x, y: y - 11, width: SYMBOL, height: 22 }, COLORS.flow),
      text: WORDS.kind[kind],
    });
  }
  const line =
    (color: string, width: number, dash?: number[]): Symbol =>
    (x, y) => [
      path(
        [
          { op: 'M', x, y },
          { op: 'L', x: x + SYMBOL, y },
        ],
        { stroke: color, strokeWidth: width, ...(dash ? { dash } : {}) },
      ),
    ];
  for (const kind of FLOW_KINDS) {
    if (!map.flows.some((f) => f.kind === kind)) continue;
    const s = flowStroke(kind, false);
    entries.push({ symbol: line(s.color, s.width, s.dash), text: WORDS.flowKind[kind] });
  }
  if (used.koppelvlak) {
    const s = flowStroke('document', true);
    entries.push({ symbol: line(s.color, s.width), text: WORDS.koppelvlak });
  }
  for (const status of ['attention', 'problem'] as const) {
    if (!map.flows.some((f) => f.status === status)) continue;
    entries.push({
      symbol: (x, y) => [path(circle(x + SYMBOL / 2, y, 8), { fill: STATUS_COLOR[status] })],
      text: WORDS.status[status],
    });
  }
  for (const p of map.partners) {
    const color = laneColor(p);
    entries.push({
      symbol: (x, y) => [
        path(rect(x, y - 10, SYMBOL, 20), { fill: tint(color, 0.18) }),
        path(rect(x, y - 10, 6, 20), { fill: color }),
      ],
      text: laneName(p),
    });
  }
  if (used.highlight !== undefined)
    entries.push({
      symbol: (x, y) => {
        const ring = roundedRect(x + 4, y - 8, SYMBOL - 8, 16, 4);
        return [
          path(ring, { stroke: COLORS.halo, strokeWidth: 8 }),
          path(ring, { stroke: COLORS.highlight, strokeWidth: 3 }),
        ];
      },
      text: used.highlight,
    });
  if (used.substituted) entries.push({ symbol: () => [], text: `${SUBSTITUTE} = ${WORDS.substitute}` });
  return entries;
}

/** Fits `text` in `max` px at the legend's size, with an ellipsis when it is cut. */
function fit(text: string, max: number): string {
  if (measureText(text, TEXT) <= max) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && measureText(`${chars.slice(0, n).join('')}\u2026`, TEXT) > max) n--;
  return `${chars.slice(0, n).join('')}\u2026`;
}

/** How tall the legend is when its rows are `width` wide. */
export function legendHeight(entries: readonly Entry[], width: number): number {
  return place(entries, width).rows * ROW + HEADING + 14;
}

function place(entries: readonly Entry[], width: number): { rows: number; at: { x: number; row: number }[] } {
  let x = 0;
  let row = 0;
  const at: { x: number; row: number }[] = [];
  for (const e of entries) {
    const w = SYMBOL + GAP + Math.min(MAX_TEXT, measureText(e.text, TEXT));
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    at.push({ x, row });
    x += w + ENTRY_GAP;
  }
  return { rows: entries.length > 0 ? row + 1 : 0, at };
}

/** Draws the legend with its top-left corner at (x0, y0), rows `width` wide. */
export function drawLegend(sketch: Sketch, entries: readonly Entry[], x0: number, y0: number, width: number): void {
  const items: Primitive[] = [
    sketch.text(x0, baseline(y0, HEADING, HEADING + 4), WORDS.legend, {
      size: HEADING,
      weight: 'bold',
      color: COLORS.text,
      anchor: 'start',
    }),
  ];
  const { at } = place(entries, width);
  entries.forEach((e, i) => {
    const { x, row } = at[i] as { x: number; row: number };
    const cy = y0 + HEADING + 14 + row * ROW + ROW / 2;
    items.push(...e.symbol(x0 + x, cy));
    items.push(
      sketch.text(x0 + x + SYMBOL + GAP, baseline(cy - ROW / 2, TEXT, ROW), fit(e.text, MAX_TEXT), {
        size: TEXT,
        weight: 'regular',
        color: COLORS.text,
        anchor: 'start',
      }),
    );
  });
  sketch.add('legend', items);
}
