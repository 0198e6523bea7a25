/**
 * Decode-before-apply (rule SV-P4): every update is decoded whole before anything else.
 * "Adds content?" (SV-R2) is `DocState.addsContent`.
 */
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { CloseError } from '../errors.js';

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
