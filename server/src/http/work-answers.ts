/** The HTTP answers to heavy work that did not complete (rules SV-W2, SV-H3, SH-J4). */
import { ImportError } from '@ketenkaart/shared';
import { WorkRefused } from '../work/pool.js';
import { HttpError } from './respond.js';

/**
 * Awaits work from the pool, turning its failures into HTTP errors: an invalid file is a 400 with
 * its problems; over budget, a 503 (busy, too slow) or, when the request's own input needs more
 * memory than a thread may have, a 413. A task that failed otherwise is passed on (a 500).
 * `what` says whether the work is on the request's `input` or on a stored `document`.
 */
export async function answerWork<T>(work: Promise<T>, what: 'input' | 'document'): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(400, 'invalid ketenkaart file', e.problems);
    if (!(e instanceof WorkRefused)) throw e;
    switch (e.reason) {
      case 'busy':
      case 'timeout':
        throw new HttpError(503, e.message);
      case 'memory':
        throw new HttpError(what === 'input' ? 413 : 503, e.message);
      case 'failed':
        throw e;
    }
  }
}
