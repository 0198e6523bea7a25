/**
 * What the export dialog asks for (rule CL-X1), and what it means for the shared renderer and
 * writers. Pure: the output depends on these settings and the map, never on the canvas's zoom,
 * pan, the interface's language or the screen.
 */
import { type MapSnapshot } from '@ketenkaart/shared';
import {
  pngSize,
  tileGrid,
  type Drawing,
  type Orientation,
  type PaperSize,
  type PdfOptions,
  type PngRequest,
  type PngSize,
  type RenderOptions,
  WORDS,
} from '@ketenkaart/shared/render';

export const EXPORT_FORMATS = ['svg', 'pdf', 'png', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const PAPERS: readonly PaperSize[] = ['A4', 'A3', 'A2', 'A1', 'A0'];
export const SCALES = [1, 2, 3, 4] as const;
export const DPIS = [150, 300] as const;

export interface ExportSettings {
  readonly format: ExportFormat;
  readonly paper: PaperSize;
  readonly orientation: Orientation;
  /** PDF: one poster page, or the poster over A4 or A3 sheets. */
  readonly tiles: 'none' | 'A4' | 'A3';
  /** PNG: `scale:2`, or `dpi:300` (the paper size at that DPI). */
  readonly pngSize: `scale:${(typeof SCALES)[number]}` | `dpi:${(typeof DPIS)[number]}`;
  readonly background: 'white' | 'transparent';
  readonly selectionOnly: boolean;
  /** Mark the poster's step or partner "U bent hier" (only when the dialog has one, CL-B9). */
  readonly highlight: boolean;
}

/** The step or partner the "U bent hier" poster marks. */
export interface HighlightTarget {
  readonly kind: 'step' | 'partner';
  readonly id: string;
}

export const DEFAULT_SETTINGS: ExportSettings = {
  format: 'pdf',
  paper: 'A3',
  orientation: 'landscape',
  tiles: 'none',
  pngSize: 'scale:2',
  background: 'white',
  selectionOnly: false,
  highlight: false,
};

/** The selected steps (not flows or lanes) of the map. */
export const selectedSteps = (map: MapSnapshot, selected: ReadonlySet<string>): string[] =>
  [...selected].filter((id) => map.stepById.has(id));

/**
 * The renderer's options: the selection when asked for, the date of the title block, and the
 * "U bent hier" mark when there is a target and it is on. The mark's words are Dutch whatever
 * the interface's language, like every word of the drawing (CL-X3).
 */
export function renderOptions(
  settings: ExportSettings,
  steps: readonly string[],
  date: Date,
  target: HighlightTarget | null = null,
): RenderOptions {
  const highlight =
    settings.highlight && target
      ? {
          highlight:
            target.kind === 'step'
              ? { stepId: target.id, label: WORDS.youAreHere }
              : { partnerId: target.id, label: WORDS.youAreHere },
        }
      : {};
  return settings.selectionOnly && steps.length > 0 ? { selection: steps, date, ...highlight } : { date, ...highlight };
}

export function pngRequest(settings: ExportSettings): PngRequest {
  const [mode, value] = settings.pngSize.split(':') as ['scale' | 'dpi', string];
  return mode === 'scale'
    ? { scale: Number(value) }
    : { paper: settings.paper, orientation: settings.orientation, dpi: Number(value) };
}

export function pdfOptions(settings: ExportSettings, title: string): PdfOptions {
  return {
    size: settings.paper,
    orientation: settings.orientation,
    title,
    ...(settings.tiles === 'none' ? {} : { tiles: { sheet: settings.tiles } }),
  };
}

/** What the file will be: a PNG's pixels (or why it is refused), a tiled PDF's sheets. */
export function describe(
  settings: ExportSettings,
  drawing: Drawing,
): { png?: PngSize; tiles?: { cols: number; rows: number } } {
  if (settings.format === 'png') return { png: pngSize(drawing, pngRequest(settings)) };
  if (settings.format === 'pdf' && settings.tiles !== 'none') {
    const grid = tileGrid(pdfOptions(settings, ''));
    if (grid) return { tiles: { cols: grid.cols, rows: grid.rows } };
  }
  return {};
}

/** A file name from the map's title: letters, digits and dashes. */
export function fileName(title: string, format: ExportFormat): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'ketenkaart';
  return `${base}.${format}`;
}
