/**
 * Checks on document updates before they touch a room's doc (rules P4, R2).
 */
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { CloseError } from './errors.js';

/** What `Y.decodeUpdate` returns. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Decodes the whole update (every struct and the delete set) or throws a 4400 CloseError,
 * so an update with a valid head and a corrupt tail is refused before anything is applied.
 */
export function decodeUpdateOrRefuse(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update);
  } catch {
    throw new CloseError(CLOSE_CODES.badMessage, 'malformed update');
  }
}

/**
 * Whether applying `decoded` would change `doc`: a struct past the doc's state vector, or a
 * deletion of something the doc has not deleted (or does not have). Used to let a viewer's
 * handshake reply (which carries nothing new) pass quietly, without applying it.
 */
export function addsContent(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  let docDeletes: ReturnType<typeof Y.createDeleteSetFromStructStore> | undefined;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.len <= 0) continue;
      docDeletes ??= Y.createDeleteSetFromStructStore(doc.store);
      if (!covered(docDeletes.clients.get(client) ?? [], range.clock, range.len)) return true;
    }
  }
  return false;
}

/** Whether the sorted, merged ranges cover `[clock, clock + len)` entirely. */
function covered(ranges: readonly { clock: number; len: number }[], clock: number, len: number): boolean {
  let at = clock;
  const end = clock + len;
  // Binary search for the last range starting at or before `at`.
  let lo = 0;
  let hi = ranges.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.clock <= at) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (i < 0) return false;
  for (; i < ranges.length && at < end; i++) {
    const r = ranges[i]!;
    if (r.clock > at) return false;
    at = Math.max(at, r.clock + r.len);
  }
  return at >= end;
}
