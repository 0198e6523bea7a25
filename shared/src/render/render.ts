/**
 * The renderer (rules SH-X1 to SH-X3): a map snapshot to a drawing — title block, the map,
 * the legend — in map units. Pure: the same snapshot and options give the same drawing on
 * every machine, whatever the viewer's zoom, pan, language or screen.
 */
import type { MapSnapshot, Partner } from '../model/types.js';
import { measureText, wrapLabel } from '../text/measure.js';
import { drawLegend, legendEntries, legendHeight } from './legend.js';
import { drawMap, type MapLayout } from './mapParts.js';
import { rect, roundedRect } from './shapes.js';
import { baseline, path, Sketch } from './sketch.js';
import { COLORS } from './style.js';
import type { Drawing, Primitive, RenderOptions } from './types.js';
import { dutchDate, WORDS } from './words.js';

/** Space around everything, between the title block and the map, and between the map and the legend. */
const MARGIN = 32;
const TITLE_SIZE = 32;
const TITLE_LINE = 40;
const SUBTITLE_SIZE = 16;
const SUBTITLE_LINE = 24;
/** A drawing is at least this wide, so that a tiny map still has room for its title and legend. */
const MIN_WIDTH = 960;
/** Painting order of the parts. */
const ORDER = ['background', 'title', 'lane', 'flow', 'step', 'flow-label', 'highlight', 'legend'];

/** The map (or the selected part of it, SH-X2) as a drawing. */
export function renderMap(full: MapSnapshot, options: RenderOptions = {}): Drawing {
  const map = options.selection ? selectionOf(full, options.selection) : full;
  const sketch = new Sketch();
  const mapOnly = options.mapOnly === true;
  const titleLines = mapOnly ? [] : titleBlock(map.meta.title);
  const titleHeight = mapOnly ? 0 : titleLines.length * TITLE_LINE + (subtitle(options) ? SUBTITLE_LINE : 0) + MARGIN;
  const layout = drawMap(sketch, map, MARGIN, MARGIN + titleHeight);
  const width = Math.max(layout.width, mapOnly ? 0 : MIN_WIDTH - 2 * MARGIN);
  const highlight = drawHighlight(sketch, layout, options.highlight);
  let height = MARGIN + titleHeight + layout.height + MARGIN;
  if (!mapOnly) {
    drawTitle(sketch, titleLines, subtitle(options), MARGIN, MARGIN);
    const entries = legendEntries(map, {
      koppelvlak: layout.koppelvlak,
      substituted: sketch.substituted,
      ...(highlight ? { highlight } : {}),
    });
    drawLegend(sketch, entries, MARGIN, height, width);
    height += legendHeight(entries, width) + MARGIN;
  }
  const total = { width: width + 2 * MARGIN, height };
  sketch.add('background', [path(rect(0, 0, total.width, total.height), { fill: COLORS.background })]);
  const groups = [...sketch.groups].sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
  return { ...total, groups, substituted: sketch.substituted };
}

/** The snapshot of only the selected steps, the flows between them and the lanes that hold them. */
export function selectionOf(map: MapSnapshot, selection: readonly string[]): MapSnapshot {
  const keep = new Set(selection.filter((id) => map.stepById.has(id)));
  const steps = map.steps.filter((s) => keep.has(s.id));
  const lanes = new Set(steps.map((s) => s.partner));
  const partners = map.partners.filter((p) => lanes.has(p.id));
  const flows = map.flows.filter((f) => keep.has(f.from) && keep.has(f.to));
  return {
    meta: map.meta,
    partners,
    steps,
    flows,
    partnerById: new Map<string, Partner>(partners.map((p) => [p.id, p])),
    stepById: new Map(steps.map((s) => [s.id, s])),
    flowById: new Map(flows.map((f) => [f.id, f])),
  };
}

function titleBlock(title: string): readonly string[] {
  const text = title.trim() || WORDS.untitled;
  // Wrapped at the narrowest drawing, so the title block never sets the drawing's width.
  return wrapLabel(text, TITLE_SIZE, MIN_WIDTH - 2 * MARGIN, 2, 'bold').lines;
}

function subtitle(options: RenderOptions): string {
  const parts: string[] = [];
  if (options.date) parts.push(dutchDate(options.date));
  if (options.snapshotName?.trim()) parts.push(`${WORDS.snapshot}: ${options.snapshotName.trim()}`);
  return parts.filter(Boolean).join(' \u00b7 ');
}

function drawTitle(sketch: Sketch, lines: readonly string[], sub: string, x: number, y: number): void {
  const items: Primitive[] = lines.map((line, i) =>
    sketch.text(x, baseline(y + i * TITLE_LINE, TITLE_SIZE, TITLE_LINE), line, {
      size: TITLE_SIZE,
      weight: 'bold',
      color: COLORS.text,
      anchor: 'start',
    }),
  );
  if (sub) {
    const [line] = wrapLabel(sub, SUBTITLE_SIZE, MIN_WIDTH - 2 * MARGIN, 1).lines;
    items.push(
      sketch.text(x, baseline(y + lines.length * TITLE_LINE, SUBTITLE_SIZE, SUBTITLE_LINE), line ?? '', {
        size: SUBTITLE_SIZE,
        weight: 'regular',
        color: COLORS.muted,
        anchor: 'start',
      }),
    );
  }
  sketch.add('title', items);
}

const TAG_SIZE = 15;
const TAG_HEIGHT = 26;
const TAG_PAD = 10;

/**
 * The highlighted step or lane (SH-X2): a thick outline and a tag with the highlight's label
 * beside it. Returns the label when something was highlighted (for the legend).
 */
function drawHighlight(sketch: Sketch, layout: MapLayout, highlight: RenderOptions['highlight']): string | undefined {
  if (!highlight) return undefined;
  const label = highlight.label.trim();
  const box = highlight.stepId !== undefined ? layout.boxes.get(highlight.stepId) : undefined;
  const lane = highlight.partnerId !== undefined ? layout.lanes.get(highlight.partnerId) : undefined;
  const items: Primitive[] = [];
  const [text] = wrapLabel(label, TAG_SIZE, 360, 1, 'bold').lines;
  const tagWidth = (text ? Math.ceil(measureBold(text)) : 0) + 2 * TAG_PAD;
  const tag = (x: number, y: number): void => {
    if (!text) return;
    items.push(path(roundedRect(x, y, tagWidth, TAG_HEIGHT, 6), { fill: COLORS.highlight }));
    items.push(
      sketch.text(x + TAG_PAD, baseline(y, TAG_SIZE, TAG_HEIGHT), text, {
        size: TAG_SIZE,
        weight: 'bold',
        color: COLORS.background,
        anchor: 'start',
      }),
    );
  };
  if (box) {
    const pad = 6;
    const ring = roundedRect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad, 10);
    items.push(
      path(ring, { stroke: COLORS.halo, strokeWidth: 12 }),
      path(ring, { stroke: COLORS.highlight, strokeWidth: 4 }),
    );
    // Above the step, pointing at it; below it when the step is at the top of the map.
    const firstLane = [...layout.lanes.values()][0];
    const above = box.y - pad - TAG_HEIGHT - 8 >= (firstLane?.top ?? 0);
    const y = above ? box.y - pad - TAG_HEIGHT - 8 : box.y + box.height + pad + 8;
    const x = box.x + box.width / 2 - tagWidth / 2;
    tag(x, y);
    const cx = box.x + box.width / 2;
    const tipY = above ? box.y - pad : box.y + box.height + pad;
    const baseY = above ? y + TAG_HEIGHT : y;
    items.push(
      path(
        [{ op: 'M', x: cx - 8, y: baseY }, { op: 'L', x: cx + 8, y: baseY }, { op: 'L', x: cx, y: tipY }, { op: 'Z' }],
        { fill: COLORS.highlight },
      ),
    );
  } else if (lane) {
    const ring = rect(MARGIN + 4, lane.top + 4, layout.width - 8, lane.height - 8);
    items.push(
      path(ring, { stroke: COLORS.halo, strokeWidth: 8 }),
      path(ring, { stroke: COLORS.highlight, strokeWidth: 3 }),
    );
    tag(MARGIN + 160 + 12, lane.top + 8);
  } else {
    return undefined;
  }
  sketch.add('highlight', items, highlight.stepId ?? highlight.partnerId);
  return label || undefined;
}

const measureBold = (text: string): number => measureText(text, TAG_SIZE, 'bold');
