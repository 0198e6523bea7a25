/**
 * The PDF writer (rule SH-X7): a poster A4 to A0, portrait or landscape, the drawing fitted in
 * its margins, vector, the font embedded; or the same poster tiled over A4 or A3 sheets with
 * overlap, cut marks and sheet numbers. It draws the renderer's primitives with jsPDF, which the
 * caller passes in (`new jsPDF(...)` as `createPdf`): shared itself imports no PDF library, the
 * server and the browser each load jsPDF where they run.
 */
import { FONT_TTF_BASE64 } from './fontData.generated.js';
import { MM_PER_INCH, PAGE_MARGIN_MM, paperSize, POINTS_PER_INCH, type Orientation, type PaperSize } from './paper.js';
import { fitOnPage } from './svg.js';
import { measureText } from '../text/measure.js';
import type { Drawing, PathSegment, Primitive, TextPrimitive } from './types.js';

/** The part of jsPDF's API the writer uses (jsPDF 4 has it). */
export interface PdfDocument {
  addFileToVFS(filename: string, data: string): unknown;
  addFont(filename: string, family: string, style: string): unknown;
  setFont(family: string, style: string): unknown;
  setFontSize(size: number): unknown;
  setTextColor(color: string): unknown;
  setFillColor(color: string): unknown;
  setDrawColor(color: string): unknown;
  setLineWidth(width: number): unknown;
  setLineDashPattern(dash: number[], phase: number): unknown;
  setLineCap(style: 'butt'): unknown;
  setLineJoin(style: 'miter' | 'round'): unknown;
  path(lines: { op: string; c: number[] }[]): unknown;
  fill(): unknown;
  stroke(): unknown;
  fillStroke(): unknown;
  rect(x: number, y: number, w: number, h: number, style?: string | null): unknown;
  line(x1: number, y1: number, x2: number, y2: number): unknown;
  text(
    text: string,
    x: number,
    y: number,
    options: { align: 'left' | 'center' | 'right'; baseline: 'alphabetic'; renderingMode?: 'fill' | 'invisible' },
  ): unknown;
  clip(): unknown;
  discardPath(): unknown;
  saveGraphicsState(): unknown;
  restoreGraphicsState(): unknown;
  addPage(format: number[], orientation: 'p' | 'l'): unknown;
  setProperties(properties: { title?: string; creator?: string }): unknown;
  output(type: 'arraybuffer'): ArrayBuffer;
}

/** Makes the document with its first page (`new jsPDF({ unit: 'pt', format, orientation })`). */
export type CreatePdf = (options: {
  unit: 'pt';
  format: number[];
  orientation: 'p' | 'l';
  compress: boolean;
  putOnlyUsedFonts: boolean;
}) => PdfDocument;

export interface PdfOptions {
  readonly size: PaperSize;
  readonly orientation: Orientation;
  /** Print the poster on sheets of this size instead of one page. */
  readonly tiles?: { readonly sheet: 'A4' | 'A3'; readonly orientation?: Orientation; readonly overlapMm?: number };
  /** The document's title property. */
  readonly title?: string;
}

const FONT = 'KetenkaartInter';
const pt = (mm: number): number => (mm / MM_PER_INCH) * POINTS_PER_INCH;
/** Overlap of neighbouring sheets when tiling, unless asked otherwise. */
export const TILE_OVERLAP_MM = 10;
/** The most sheets a tiled poster is printed on (A0 on A4 in either orientation needs at most 24). */
export const MAX_TILES = 64;

/** How a tiled poster is cut: the sheets' size and how many across and down. */
export function tileGrid(
  options: PdfOptions,
): { cols: number; rows: number; sheet: { widthPt: number; heightPt: number } } | null {
  if (!options.tiles) return null;
  const poster = paperSize(options.size, options.orientation);
  const sheet = paperSize(options.tiles.sheet, options.tiles.orientation ?? options.orientation);
  const overlap = pt(options.tiles.overlapMm ?? TILE_OVERLAP_MM);
  const areaW = sheet.widthPt - 2 * pt(PAGE_MARGIN_MM);
  const areaH = sheet.heightPt - 2 * pt(PAGE_MARGIN_MM);
  const cols = Math.max(1, Math.ceil((poster.widthPt - overlap) / (areaW - overlap) - 1e-9));
  const rows = Math.max(1, Math.ceil((poster.heightPt - overlap) / (areaH - overlap) - 1e-9));
  return { cols, rows, sheet };
}

/** The drawing as a PDF file. */
export function toPdf(drawing: Drawing, options: PdfOptions, createPdf: CreatePdf): Uint8Array {
  const poster = paperSize(options.size, options.orientation);
  const grid = tileGrid(options);
  const first = grid ? grid.sheet : poster;
  const doc = createPdf({
    unit: 'pt',
    format: [first.widthPt, first.heightPt],
    orientation: first.widthPt > first.heightPt ? 'l' : 'p',
    compress: true,
    putOnlyUsedFonts: true,
  });
  doc.setProperties({ title: options.title ?? 'Ketenkaart', creator: 'Ketenkaart' });
  doc.addFileToVFS('Inter-Regular.ttf', FONT_TTF_BASE64.regular);
  doc.addFont('Inter-Regular.ttf', FONT, 'normal');
  doc.addFileToVFS('Inter-Bold.ttf', FONT_TTF_BASE64.bold);
  doc.addFont('Inter-Bold.ttf', FONT, 'bold');
  doc.setLineCap('butt');
  doc.setLineJoin('round');
  const fit = fitOnPage(drawing, { width: poster.widthPt, height: poster.heightPt, margin: pt(PAGE_MARGIN_MM) });
  if (!grid) {
    drawAll(doc, drawing, fit);
  } else {
    const margin = pt(PAGE_MARGIN_MM);
    const overlap = pt(options.tiles?.overlapMm ?? TILE_OVERLAP_MM);
    const areaW = grid.sheet.widthPt - 2 * margin;
    const areaH = grid.sheet.heightPt - 2 * margin;
    const total = grid.cols * grid.rows;
    for (let row = 0; row < grid.rows; row++) {
      for (let col = 0; col < grid.cols; col++) {
        const index = row * grid.cols + col;
        if (index > 0)
          doc.addPage([grid.sheet.widthPt, grid.sheet.heightPt], grid.sheet.widthPt > grid.sheet.heightPt ? 'l' : 'p');
        // This sheet shows the poster from (ox, oy), at the sheet's margin.
        const ox = col * (areaW - overlap);
        const oy = row * (areaH - overlap);
        doc.saveGraphicsState();
        doc.rect(margin, margin, areaW, areaH, null);
        doc.clip();
        doc.discardPath();
        drawAll(doc, drawing, { scale: fit.scale, x: fit.x - ox + margin, y: fit.y - oy + margin });
        doc.restoreGraphicsState();
        sheetMarks(doc, grid.sheet, margin, `Blad ${index + 1} van ${total}  \u00b7  rij ${row + 1}, kolom ${col + 1}`);
      }
    }
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

/** Cut marks at the corners of a sheet's printed area, and its number in the bottom margin. */
function sheetMarks(
  doc: PdfDocument,
  sheet: { widthPt: number; heightPt: number },
  margin: number,
  label: string,
): void {
  const mark = pt(5);
  const gap = pt(1.5);
  doc.setDrawColor('#000000');
  doc.setLineWidth(0.5);
  doc.setLineDashPattern([], 0);
  const xs = [margin, sheet.widthPt - margin];
  const ys = [margin, sheet.heightPt - margin];
  for (const x of xs)
    for (const y of ys) {
      const outX = x === margin ? -1 : 1;
      const outY = y === margin ? -1 : 1;
      doc.line(x + outX * gap, y, x + outX * (gap + mark), y);
      doc.line(x, y + outY * gap, x, y + outY * (gap + mark));
    }
  doc.setFont(FONT, 'normal');
  doc.setFontSize(8);
  doc.setTextColor('#59636e');
  doc.text(label, sheet.widthPt / 2, sheet.heightPt - margin / 2 + 3, { align: 'center', baseline: 'alphabetic' });
}

function drawAll(doc: PdfDocument, drawing: Drawing, fit: { scale: number; x: number; y: number }): void {
  for (const g of drawing.groups) for (const p of g.items) draw(doc, p, fit);
}

function draw(doc: PdfDocument, p: Primitive, f: { scale: number; x: number; y: number }): void {
  const X = (x: number): number => f.x + x * f.scale;
  const Y = (y: number): number => f.y + y * f.scale;
  if (p.type === 'text') {
    doc.setFont(FONT, p.weight === 'bold' ? 'bold' : 'normal');
    doc.setFontSize(p.size * f.scale);
    doc.setTextColor(p.color);
    const align = p.anchor === 'middle' ? 'center' : p.anchor === 'end' ? 'right' : 'left';
    doc.text(p.text, X(p.x), Y(p.y), { align, baseline: 'alphabetic' });
    if (p.whole !== undefined) wholeLabel(doc, p, p.whole, X(p.x), Y(p.y), f.scale, align);
    return;
  }
  if (!p.fill && !p.stroke) return;
  doc.path(p.d.map((s) => segment(s, X, Y)));
  if (p.fill) doc.setFillColor(p.fill);
  if (p.stroke) {
    doc.setDrawColor(p.stroke);
    doc.setLineWidth((p.strokeWidth ?? 1) * f.scale);
    doc.setLineDashPattern(p.dash ? p.dash.map((d) => d * f.scale) : [], 0);
  }
  if (p.fill && p.stroke) doc.fillStroke();
  else if (p.fill) doc.fill();
  else doc.stroke();
}

/**
 * A label cut short on the poster, whole, as invisible text on its last line (rule SH-X8): a
 * search in the PDF finds the step or flow by its whole name, and selecting the line copies it
 * whole. Its size is set so that it spans the drawn line, so a selection covers what is seen.
 */
function wholeLabel(
  doc: PdfDocument,
  p: TextPrimitive,
  whole: string,
  x: number,
  y: number,
  scale: number,
  align: 'left' | 'center' | 'right',
): void {
  const weight = p.weight === 'bold' ? 'bold' : 'regular';
  const shown = measureText(p.text, p.size, weight);
  const full = measureText(whole, p.size, weight);
  const size = full > 0 ? Math.max(WHOLE_MIN_SIZE, p.size * Math.min(1, shown / full) * scale) : p.size * scale;
  doc.setFontSize(size);
  doc.text(whole, x, y, { align, baseline: 'alphabetic', renderingMode: 'invisible' });
}

/** The least size of a whole label's invisible text, in points (viewers skip tinier text). */
const WHOLE_MIN_SIZE = 1;

function segment(s: PathSegment, X: (x: number) => number, Y: (y: number) => number): { op: string; c: number[] } {
  switch (s.op) {
    case 'M':
      return { op: 'm', c: [X(s.x), Y(s.y)] };
    case 'L':
      return { op: 'l', c: [X(s.x), Y(s.y)] };
    case 'C':
      return { op: 'c', c: [X(s.x1), Y(s.y1), X(s.x2), Y(s.y2), X(s.x), Y(s.y)] };
    case 'Z':
      return { op: 'h', c: [] };
  }
}
