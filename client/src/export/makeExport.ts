/**
 * Makes the export file in the browser (rule CL-X2), loaded only when the export dialog opens:
 * SVG straight from the shared writer, PDF with jsPDF (loaded on first use), PNG with resvg's
 * WebAssembly build in a Web Worker (loaded on first use; the page stays responsive), JSON v1
 * with the shared export. Every format can be of the selection only.
 */
import { exportJson, type MapFile } from '@ketenkaart/shared';
import { FONT_TTF_BASE64, PAGE_MARGIN_MM, toPdf, toSvg, type Drawing, type PngSize } from '@ketenkaart/shared/render';
import type * as Y from 'yjs';
import { pdfOptions, pngRequest, type ExportSettings } from './exportSettings';
import { renderPng } from './pngRenderer';

export interface ExportInput {
  readonly doc: Y.Doc;
  readonly title: string;
  readonly drawing: Drawing;
  readonly settings: ExportSettings;
  /** The selected steps, when only they are exported. */
  readonly selection: readonly string[] | null;
  /** The PNG's size as checked against the limits (refused sizes never get here). */
  readonly png?: PngSize;
}

export async function makeExport(input: ExportInput): Promise<Blob> {
  const { drawing, settings } = input;
  switch (settings.format) {
    case 'svg':
      return new Blob([toSvg(drawing)], { type: 'image/svg+xml' });
    case 'pdf': {
      const { jsPDF } = await import('jspdf');
      const bytes = toPdf(drawing, pdfOptions(settings, input.title), (o) => new jsPDF(o));
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
    }
    case 'png': {
      const size = input.png;
      if (!size?.ok) throw new Error('the PNG is past its size limit');
      const request = pngRequest(settings);
      const transparent = settings.background === 'transparent';
      const svg =
        'scale' in request
          ? toSvg(drawing, { scale: request.scale, transparent, embedFont: false })
          : toSvg(drawing, {
              page: { width: size.width, height: size.height, margin: (PAGE_MARGIN_MM / 25.4) * request.dpi },
              transparent,
              embedFont: false,
            });
      const png = await renderPng(svg, [FONT_TTF_BASE64.regular, FONT_TTF_BASE64.bold]);
      return new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
    case 'json':
      return new Blob([jsonOf(input.doc, input.selection)], { type: 'application/json' });
  }
}

/** The JSON v1 file of the map, or of the selected steps with the flows between them and their lanes. */
function jsonOf(doc: Y.Doc, selection: readonly string[] | null): string {
  const text = exportJson(doc);
  if (!selection) return text;
  const file = JSON.parse(text) as MapFile;
  const keep = new Set(selection);
  const steps = file.steps.filter((s) => keep.has(s.id));
  const lanes = new Set(steps.map((s) => s.partner));
  const part: MapFile = {
    ...file,
    partners: file.partners.filter((p) => lanes.has(p.id)),
    steps,
    flows: file.flows.filter((f) => keep.has(f.from) && keep.has(f.to)),
  };
  return JSON.stringify(part, null, 2);
}
