/**
 * Paper sizes, and the sizes of PNG files with their limit (rule SH-X6): a PNG past the limit
 * is refused before anything is drawn, with the largest scale or DPI that fits, never scaled
 * down without saying so.
 */

/** ISO 216 sizes in millimetres, portrait (width, height). */
export const PAPER_SIZES = {
  A4: [210, 297],
  A3: [297, 420],
  A2: [420, 594],
  A1: [594, 841],
  A0: [841, 1189],
} as const;
export type PaperSize = keyof typeof PAPER_SIZES;
export type Orientation = 'portrait' | 'landscape';

export const MM_PER_INCH = 25.4;
export const POINTS_PER_INCH = 72;
/** Margin around a poster, on every side. */
export const PAGE_MARGIN_MM = 10;

/** A paper size in millimetres and points, turned for the orientation. */
export function paperSize(
  size: PaperSize,
  orientation: Orientation,
): { widthMm: number; heightMm: number; widthPt: number; heightPt: number } {
  const [short, long] = PAPER_SIZES[size];
  const [widthMm, heightMm] = orientation === 'landscape' ? [long, short] : [short, long];
  const pt = (mm: number): number => (mm / MM_PER_INCH) * POINTS_PER_INCH;
  return { widthMm, heightMm, widthPt: pt(widthMm), heightPt: pt(heightMm) };
}

/**
 * The largest PNG made: at most 32,767 px a side (Chromium's canvas and common image readers)
 * and 150 million pixels (600 MB of RGBA while it is drawn; an A0 poster at 300 dpi is 139.5
 * Mpx). Scales go from 1x to 4x, DPI from 72 to 600.
 */
export const PNG_LIMITS = {
  maxSide: 32_767,
  maxPixels: 150_000_000,
  minScale: 1,
  maxScale: 4,
  minDpi: 72,
  maxDpi: 600,
} as const;

/** A PNG as a multiple of the drawing's size, or a paper size at a DPI (the drawing fitted in its margins). */
export type PngRequest =
  { readonly scale: number } | { readonly paper: PaperSize; readonly orientation: Orientation; readonly dpi: number };

export type PngSize =
  | { readonly ok: true; readonly width: number; readonly height: number }
  | {
      readonly ok: false;
      readonly width: number;
      readonly height: number;
      /** The largest scale (or DPI) that fits the limits, rounded down; 0 when even the smallest does not. */
      readonly largest: number;
      readonly unit: 'scale' | 'dpi';
      /** The reason in English, with the largest possible. */
      readonly message: string;
    };

/** The pixel size of a PNG of a drawing, and whether it is within `PNG_LIMITS`. */
export function pngSize(drawing: { readonly width: number; readonly height: number }, request: PngRequest): PngSize {
  let w: number;
  let h: number;
  let per: number;
  let value: number;
  let unit: 'scale' | 'dpi';
  if ('scale' in request) {
    [w, h, per, value, unit] = [drawing.width, drawing.height, 1, request.scale, 'scale'];
  } else {
    const p = paperSize(request.paper, request.orientation);
    [w, h, per, value, unit] = [p.widthMm / MM_PER_INCH, p.heightMm / MM_PER_INCH, 1, request.dpi, 'dpi'];
  }
  const width = Math.ceil(w * per * value);
  const height = Math.ceil(h * per * value);
  if (width <= PNG_LIMITS.maxSide && height <= PNG_LIMITS.maxSide && width * height <= PNG_LIMITS.maxPixels)
    return { ok: true, width, height };
  // The largest value whose ceil'd size still fits, to two decimals for a scale, whole for DPI.
  const step = unit === 'scale' ? 100 : 1;
  let largest = Math.floor(
    Math.min(PNG_LIMITS.maxSide / w, PNG_LIMITS.maxSide / h, Math.sqrt(PNG_LIMITS.maxPixels / (w * h))) * step,
  );
  while (largest > 0 && !fits(Math.ceil((w * largest) / step), Math.ceil((h * largest) / step))) largest--;
  const best = largest / step;
  const min = unit === 'scale' ? PNG_LIMITS.minScale : PNG_LIMITS.minDpi;
  const shown = unit === 'scale' ? `${best}x` : `${best} dpi`;
  const message =
    best >= min
      ? `a PNG of ${width} x ${height} px is past the limit (${PNG_LIMITS.maxSide} px a side, ${PNG_LIMITS.maxPixels} pixels); the largest possible is ${shown}`
      : `a PNG of ${width} x ${height} px is past the limit (${PNG_LIMITS.maxSide} px a side, ${PNG_LIMITS.maxPixels} pixels), even at the smallest ${unit}; export a selection, or a PDF or SVG`;
  return { ok: false, width, height, largest: best >= min ? best : 0, unit, message };
}

const fits = (width: number, height: number): boolean =>
  width <= PNG_LIMITS.maxSide && height <= PNG_LIMITS.maxSide && width * height <= PNG_LIMITS.maxPixels;
