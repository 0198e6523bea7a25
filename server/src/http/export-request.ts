/**
 * The query of `GET /api/maps/:id/export.{svg,pdf,png}` (rule SV-X2), checked whole: every
 * problem is reported with its parameter as the path (`$.scale`); nothing is drawn for a
 * request with a problem.
 */
import { LIMITS, type Problem } from '@ketenkaart/shared';
import { PAPER_SIZES, PNG_LIMITS } from '@ketenkaart/shared/render';
import type { RenderRequest } from '../work/render.js';
import { HttpError } from './respond.js';

export type ExportFormat = 'svg' | 'pdf' | 'png';

const PARAMS: Readonly<Record<ExportFormat, readonly string[]>> = {
  svg: ['steps'],
  pdf: ['steps', 'size', 'orientation', 'tiles', 'overlap'],
  png: ['steps', 'scale', 'dpi', 'size', 'orientation', 'background'],
};
/** The most a tiled poster's sheets overlap, in millimetres. */
export const MAX_OVERLAP_MM = 50;

/** The drawing and file a request asks for, or a 400 with its problems. */
export function exportRequest(
  format: ExportFormat,
  query: URLSearchParams,
): { request: RenderRequest; selection?: readonly string[] } {
  const problems: Problem[] = [];
  const bad = (param: string, message: string, params?: Problem['params']): undefined => {
    problems.push({ path: `$.${param}`, code: 'invalid', message, ...(params ? { params } : {}) });
    return undefined;
  };
  for (const key of new Set(query.keys()))
    if (key !== 'token' && !PARAMS[format].includes(key))
      bad(key.slice(0, 64), `unknown parameter ${key.slice(0, 64)}`);
  const one = (name: string): string | undefined => {
    const all = query.getAll(name);
    if (all.length > 1) return bad(name, `${name} is given more than once`);
    return all[0];
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = one(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    bad(name, `${name} is one of ${allowed.join(', ')}`, { allowed: allowed.join(', ') });
    return fallback;
  };
  const number = (name: string, min: number, max: number): number | undefined => {
    const v = one(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      return bad(name, `${name} is a number from ${min} to ${max}`, { min, max });
    return n;
  };

  const sizes = Object.keys(PAPER_SIZES) as (keyof typeof PAPER_SIZES)[];
  const selection = steps(query.getAll('steps'), bad);
  let request: RenderRequest;
  if (format === 'svg') request = { format };
  else if (format === 'pdf') {
    const size = choice('size', sizes, 'A3');
    const orientation = choice('orientation', ['portrait', 'landscape'] as const, 'landscape');
    const sheet = one('tiles');
    const overlap = number('overlap', 0, MAX_OVERLAP_MM);
    if (sheet !== undefined && sheet !== 'A4' && sheet !== 'A3')
      bad('tiles', 'tiles is A4 or A3', { allowed: 'A4, A3' });
    if (overlap !== undefined && sheet === undefined) bad('overlap', 'overlap needs tiles');
    request =
      sheet === 'A4' || sheet === 'A3'
        ? { format, size, orientation, tiles: { sheet, overlapMm: overlap ?? 10 } }
        : { format, size, orientation };
  } else {
    const scale = number('scale', PNG_LIMITS.minScale, PNG_LIMITS.maxScale);
    const dpi = number('dpi', PNG_LIMITS.minDpi, PNG_LIMITS.maxDpi);
    const transparent = choice('background', ['white', 'transparent'] as const, 'white') === 'transparent';
    if (scale !== undefined && dpi !== undefined) bad('dpi', 'give scale or dpi, not both');
    if (dpi === undefined && (query.has('size') || query.has('orientation')))
      bad(query.has('size') ? 'size' : 'orientation', 'size and orientation go with dpi');
    if (dpi !== undefined) {
      const paper = choice('size', sizes, 'A3');
      const orientation = choice('orientation', ['portrait', 'landscape'] as const, 'landscape');
      request = { format, transparent, size: { paper, orientation, dpi } };
    } else request = { format, transparent, size: { scale: scale ?? 1 } };
  }
  if (problems.length > 0) throw new HttpError(400, 'invalid export request', problems.slice(0, 100));
  return selection ? { request, selection } : { request };
}

/** `steps=a,b&steps=c`: the ids of the steps to export, or undefined for the whole map. */
function steps(values: readonly string[], bad: (param: string, message: string) => undefined): string[] | undefined {
  if (values.length === 0) return undefined;
  const ids = values.flatMap((v) => v.split(',')).filter((id) => id !== '');
  if (ids.length === 0) return bad('steps', 'steps lists at least one step id');
  if (ids.length > LIMITS.steps) return bad('steps', `at most ${LIMITS.steps} steps`);
  if (ids.some((id) => id.length > LIMITS.idChars)) return bad('steps', `an id has 1 to ${LIMITS.idChars} characters`);
  return ids;
}
