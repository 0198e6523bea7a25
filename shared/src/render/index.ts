/**
 * Entry point `@ketenkaart/shared/render`: the export renderer (rules SH-X1 to SH-X7). Its own
 * entry point, so that the editor's first bundle does not carry it (nor the embedded font): the
 * export dialog loads it when first opened.
 */
export { renderMap, selectionOf } from './render.js';
export { toSvg, fitOnPage, escapeXml, SVG_FONT_FAMILY, type SvgOptions } from './svg.js';
export { substitute, SUBSTITUTE } from './glyphs.js';
export { WORDS } from './words.js';
export { FONT_TTF_BASE64 } from './fontData.generated.js';
export {
  PAPER_SIZES,
  PAGE_MARGIN_MM,
  paperSize,
  PNG_LIMITS,
  pngSize,
  type PaperSize,
  type Orientation,
  type PngRequest,
  type PngSize,
} from './paper.js';
export type { Drawing, Group, PathPrimitive, PathSegment, Primitive, RenderOptions, TextPrimitive } from './types.js';
export {
  toPdf,
  tileGrid,
  MAX_TILES,
  TILE_OVERLAP_MM,
  type CreatePdf,
  type PdfDocument,
  type PdfOptions,
} from './pdf.js';
