import { updateMeta, type MetaPatch } from '@ketenkaart/shared';
import type * as Y from 'yjs';

/** Changes the map's title or description. */
export function editMapMeta(doc: Y.Doc, patch: MetaPatch): void {
  updateMeta(doc, patch);
}
