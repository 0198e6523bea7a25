/**
 * The SVG, PDF and PNG exports of a document (rule SV-X1), run in a worker thread like every
 * heavy job: the shared renderer draws the snapshot, the shared writers write SVG and PDF
 * (jsPDF), resvg rasterises the SVG into a PNG with the embedded font. A PNG past
 * `PNG_LIMITS` is refused before it is drawn (SH-X6).
 */
import { Resvg } from '@resvg/resvg-js';
import { jsPDF } from 'jspdf';
import { type MapSnapshot } from '@ketenkaart/shared';
import {
  FONT_TTF_BASE64,
  PAGE_MARGIN_MM,
  pngSize,
  renderMap,
  toPdf,
  toSvg,
  type Orientation,
  type PaperSize,
  type RenderOptions,
} from '@ketenkaart/shared/render';

/** What to export, as the HTTP request asked for it (`http/export-request.ts` checks it). */
export type RenderRequest =
  | { readonly format: 'svg' }
  | {
      readonly format: 'pdf';
      readonly size: PaperSize;
      readonly orientation: Orientation;
      readonly tiles?: { readonly sheet: 'A4' | 'A3'; readonly overlapMm: number };
    }
  | {
      readonly format: 'png';
      readonly transparent: boolean;
      /** A multiple of the drawing's size, or a paper size at a DPI. */
      readonly size:
        | { readonly scale: number }
        | { readonly paper: PaperSize; readonly orientation: Orientation; readonly dpi: number };
    };

/** The drawing's options that travel with a request: the selection, and the date of the title block. */
export interface RenderInput {
  readonly request: RenderRequest;
  readonly selection?: readonly string[];
  /** Milliseconds since 1970, taken on the main thread (the title block's date). */
  readonly date: number;
  /** The snapshot's name for the title block, when the drawing is of an old version (SV-V7). */
  readonly snapshotName?: string;
}

/** A file, or the refusal of a PNG past the limit with the largest possible. */
export type RenderOutput =
  | { readonly kind: 'file'; readonly bytes: Uint8Array }
  | { readonly kind: 'tooLarge'; readonly message: string; readonly largest: number; readonly unit: 'scale' | 'dpi' };

const fontBuffers = (): Buffer[] => [
  Buffer.from(FONT_TTF_BASE64.regular, 'base64'),
  Buffer.from(FONT_TTF_BASE64.bold, 'base64'),
];

export function renderExport(map: MapSnapshot, input: RenderInput): RenderOutput {
  const options: RenderOptions = {
    date: new Date(input.date),
    ...(input.snapshotName ? { snapshotName: input.snapshotName } : {}),
    ...(input.selection ? { selection: input.selection } : {}),
  };
  const drawing = renderMap(map, options);
  const { request } = input;
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  switch (request.format) {
    case 'svg':
      return { kind: 'file', bytes: encode(toSvg(drawing)) };
    case 'pdf':
      return {
        kind: 'file',
        bytes: toPdf(
          drawing,
          {
            size: request.size,
            orientation: request.orientation,
            title: input.snapshotName ? `${map.meta.title} (${input.snapshotName})` : map.meta.title,
            ...(request.tiles ? { tiles: request.tiles } : {}),
          },
          (o) => new jsPDF(o),
        ),
      };
    case 'png': {
      const size = pngSize(drawing, request.size);
      if (!size.ok) return { kind: 'tooLarge', message: size.message, largest: size.largest, unit: size.unit };
      const svg =
        'scale' in request.size
          ? toSvg(drawing, { scale: request.size.scale, transparent: request.transparent, embedFont: false })
          : toSvg(drawing, {
              page: {
                width: size.width,
                height: size.height,
                margin: (PAGE_MARGIN_MM / 25.4) * request.size.dpi,
              },
              transparent: request.transparent,
              embedFont: false,
            });
      // resvg-js 2.6 reads `fontBuffers` (its typings lag behind); no system font is ever used.
      const font = { fontBuffers: fontBuffers(), loadSystemFonts: false, defaultFontFamily: 'Inter' };
      const png = new Resvg(svg, {
        font,
        shapeRendering: 2,
        textRendering: 1,
      })
        .render()
        .asPng();
      return { kind: 'file', bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
    }
  }
}
