import { ImportError, LIMITS, parseMapFile, type MapFile, type Problem } from '@ketenkaart/shared';
import type { ParseAnswer } from './parseAnswer';

/** A file read as a JSON v1 map: valid, invalid with its problems, or not a JSON file at all. */
export type FileReading =
  | { readonly kind: 'valid'; readonly file: MapFile }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | { readonly kind: 'notJson' };

/**
 * UTF-8 takes at most 3 bytes per UTF-16 unit: a file with more bytes than 3 x the character
 * limit is over it for sure, and is refused without being read into memory.
 */
export const MAX_FILE_BYTES = 3 * LIMITS.fileChars;

/** Whether a dropped or chosen file is meant as JSON: by its name, or by the type the system gives. */
export function looksLikeJson(file: { readonly name: string; readonly type: string }): boolean {
  return /\.json$/i.test(file.name) || file.type === 'application/json';
}

/**
 * Reads a file as a JSON v1 map (rules CL-J2, CL-J3): a file not named `.json` (nor typed
 * JSON) is `notJson`; one too large is refused before it is read; otherwise it is parsed and
 * validated whole by shared's `parseMapFile` (SH-J13 limits) in a Web Worker, so that a large
 * file does not block the page.
 */
export async function readMapFile(file: File): Promise<FileReading> {
  if (!looksLikeJson(file)) return { kind: 'notJson' };
  if (file.size > MAX_FILE_BYTES) {
    const max = LIMITS.fileChars;
    return {
      kind: 'invalid',
      problems: [{ path: '$', code: 'fileTooLarge', message: `file larger than ${max} characters`, params: { max } }],
    };
  }
  const answer = await parseOffThread(await file.text());
  return 'file' in answer ? { kind: 'valid', file: answer.file } : { kind: 'invalid', problems: answer.problems };
}

/** Parses in a fresh worker, ended afterwards; inline where there are no workers (unit tests). */
function parseOffThread(text: string): Promise<ParseAnswer> {
  if (typeof Worker === 'undefined') return Promise.resolve(parseHere(text));
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ParseAnswer>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseAnswer>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`parse worker failed: ${event.message}`));
    worker.postMessage(text);
  }).finally(() => worker.terminate());
}

function parseHere(text: string): ParseAnswer {
  try {
    return { file: parseMapFile(text) };
  } catch (error) {
    if (error instanceof ImportError) return { problems: error.problems };
    throw error;
  }
}
