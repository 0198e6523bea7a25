import type * as Y from 'yjs';
import { readMap } from '../read.js';
import { LIMITS } from '../model/limits.js';
import type { MapFile } from './schema.js';
import { parseMapFile } from './parse.js';
import { applyMapFile } from './apply.js';
import { toMapFile } from './normalise.js';
import { ORIGINS, type Origin } from '../origins.js';

export { UNASSIGNED_EXPORT_NAME } from './normalise.js';

/**
 * The document as JSON v1 text (rules SH-J9, SH-J14): pretty-printed, or on one line when the
 * pretty form would be longer than a file may be.
 */
export function exportJson(doc: Y.Doc): string {
  const file = toMapFile(readMap(doc));
  const pretty = `${JSON.stringify(file, null, 2)}\n`;
  return pretty.length <= LIMITS.fileChars ? pretty : `${JSON.stringify(file)}\n`;
}

/**
 * Validates a JSON v1 text whole and, only if it is valid, replaces the document's
 * content with it in one transaction. On an invalid file it throws an ImportError and
 * leaves the document untouched: no transaction, no update (rule SH-J4).
 */
export function importJson(doc: Y.Doc, text: string, origin: Origin = ORIGINS.import): MapFile {
  const file = parseMapFile(text);
  applyMapFile(doc, file, origin);
  return file;
}
