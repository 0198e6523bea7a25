/**
 * Drawing a version of a map for `GET .../export.{svg,pdf,png}` (rules SV-X1, SV-X2) and
 * `GET .../snapshots/:sid/export.{svg,pdf}` (SV-V7): the query checked, the drawing made in a
 * worker thread, the file sent as a download.
 */
import type { ServerResponse } from 'node:http';
import { PngTooLarge, type JsonWork } from '../work/json-work.js';
import type { Version } from '../work/tasks.js';
import { exportRequest, type ExportFormat } from './export-request.js';
import { HttpError } from './respond.js';
import { answerWork } from './work-answers.js';

const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = {
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  png: 'image/png',
};

export interface DrawingTarget {
  readonly format: ExportFormat;
  /** The file name without its extension. */
  readonly name: string;
  /** Milliseconds since 1970: the title block's date. */
  readonly date: number;
  /** The snapshot's name in the title block, for an old version. */
  readonly snapshotName?: string;
}

/**
 * Checks `query` (a 400 listing its problems before anything is drawn), draws `version` and sends
 * it. `version` is asked for only once the query is good, so a bad request costs no storage read.
 */
export async function sendDrawing(
  jsonWork: JsonWork,
  res: ServerResponse,
  query: URLSearchParams,
  target: DrawingTarget,
  version: () => Promise<Version>,
): Promise<void> {
  const { format } = target;
  const { request, selection } = exportRequest(format, query);
  const input = {
    request,
    date: target.date,
    ...(selection ? { selection } : {}),
    ...(target.snapshotName ? { snapshotName: target.snapshotName } : {}),
  };
  const bytes = await answerWork(jsonWork.render(await version(), input), 'document').catch((e: unknown) => {
    if (e instanceof PngTooLarge)
      throw new HttpError(400, e.message, [
        { path: `$.${e.unit}`, code: 'outOfRange', message: e.message, params: { max: e.largest } },
      ]);
    throw e;
  });
  res.writeHead(200, {
    'Content-Type': EXPORT_TYPES[format],
    'Content-Disposition': `attachment; filename="${target.name}.${format}"`,
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    // An SVG opened from here runs nothing, whatever it holds (it holds no script: SH-X5).
    ...(format === 'svg'
      ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; font-src data:" }
      : {}),
  });
  res.end(bytes);
}
