/**
 * Readiness (rule SV-H10): whether the store can read and write now, probed at most once per
 * READINESS_CACHE_MS however often `/readyz` is asked, and never waited on for longer than
 * READINESS_TIMEOUT_MS.
 */

/** How long a probe's answer, good or bad, is reused: a flood of `/readyz` costs one probe per interval. */
export const READINESS_CACHE_MS = 2_000;
/** A probe that has not settled by then counts as a failure (a hung disk or network store). */
export const READINESS_TIMEOUT_MS = 1_000;

interface ReadinessOptions {
  /** Clock in milliseconds (tests). */
  readonly now?: () => number;
  readonly timeoutMs?: number;
  /** Hears each change: `not ready: <reason>`, `ready again`. */
  readonly log?: (line: string) => void;
}

/** The cached, shared outcome of a readiness probe. */
export class Readiness {
  readonly #probe: () => Promise<void>;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #log: (line: string) => void;
  #cached: { at: number; reason: string | undefined } | undefined;
  #running: Promise<string | undefined> | undefined;
  #lastReason: string | undefined;

  constructor(probe: () => Promise<void>, options: ReadinessOptions = {}) {
    this.#probe = probe;
    this.#now = options.now ?? (() => performance.now());
    this.#timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
    this.#log = options.log ?? (() => {});
  }

  /** Undefined when ready, else why not. Concurrent callers share one probe. */
  state(): Promise<string | undefined> {
    if (this.#cached && this.#now() - this.#cached.at < READINESS_CACHE_MS) return Promise.resolve(this.#cached.reason);
    this.#running ??= this.#run().then((reason) => {
      this.#cached = { at: this.#now(), reason };
      this.#running = undefined;
      if (reason !== this.#lastReason) this.#log(reason === undefined ? 'ready again' : `not ready: ${reason}`);
      this.#lastReason = reason;
      return reason;
    });
    return this.#running;
  }

  /**
   * The last probe's outcome without waiting for one (rule SV-G6, `/healthz`): `ok`,
   * `unavailable`, or `unknown` before the first; starts a probe when that outcome is stale.
   */
  peek(): 'ok' | 'unavailable' | 'unknown' {
    const cached = this.#cached;
    if (!cached || this.#now() - cached.at >= READINESS_CACHE_MS) void this.state();
    if (!cached) return 'unknown';
    return cached.reason === undefined ? 'ok' : 'unavailable';
  }

  async #run(): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the store did not answer within ${this.#timeoutMs} ms`), this.#timeoutMs);
      timer.unref();
    });
    let probed: Promise<void>;
    try {
      probed = this.#probe();
    } catch (e) {
      probed = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    try {
      return await Promise.race([
        probed.then(
          () => undefined,
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
