/**
 * The cap on request body bytes held in memory at once, over all requests (rule SV-H14): each
 * body is bounded by itself (SV-L9), and this bounds how many of them slow clients can hold open.
 */
import type { Gauge } from 'prom-client';
import { HttpError } from './respond.js';

/** Seconds a client refused for the cap is asked to wait: about the time a large body takes. */
const RETRY_AFTER_SECONDS = 5;

/** Bytes of request bodies received and not yet handed on or refused. */
export class BodyBudget {
  #inFlight = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly gauge?: Gauge,
  ) {}

  /** Bytes held now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Takes `bytes` if the total stays within the cap; false (nothing taken) if it would not. */
  reserve(bytes: number): boolean {
    if (this.#inFlight + bytes > this.maxBytes) return false;
    this.#inFlight += bytes;
    this.gauge?.set(this.#inFlight);
    return true;
  }

  /** Gives back bytes taken with `reserve`. */
  release(bytes: number): void {
    this.#inFlight -= bytes;
    this.gauge?.set(this.#inFlight);
  }

  /** The answer to a body that did not fit: 503, try again shortly; the rest of the body is not read. */
  exceeded(): HttpError {
    return new HttpError(503, 'too many request bodies in flight; try again later', undefined, {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      close: true,
    });
  }
}
