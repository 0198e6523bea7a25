/** What a peer is told when the document refuses its update (rules SV-P3, SV-D1, SV-L10). */
import { CLOSE_CODES } from '@ketenkaart/shared';
import type { RefusedUpdate } from '../document/doc-state.js';
import { CloseError, TRY_AGAIN_LATER } from '../errors.js';
import type { Metrics } from '../metrics.js';

/** The close that answers a refused update, counted by its reason. */
export function closeForRefusal(e: RefusedUpdate, metrics: Metrics): CloseError {
  if (e.reason === 'held-back-overflow') {
    metrics.rejectedWrites.inc({ reason: 'held-back-overflow' });
    return new CloseError(TRY_AGAIN_LATER, 'too much waiting for missing updates; reconnect');
  }
  if (e.reason === 'too-deep') {
    metrics.rejectedWrites.inc({ reason: 'too-deep' });
    return new CloseError(CLOSE_CODES.badMessage, 'structure nested deeper than a map holds');
  }
  metrics.rejectedWrites.inc({ reason: 'malformed' });
  return new CloseError(CLOSE_CODES.badMessage, 'update could not be applied');
}
