/**
 * Rate limits (rules SV-L3, SV-L5 and SV-A10). All are plain counters with an injectable clock,
 * so they are cheap per message and testable without waiting.
 */

/** A token bucket: `ratePerSecond` refill, bursts of up to `2 × ratePerSecond`. */
export class MessageRateLimiter {
  readonly #rate: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;

  constructor(
    ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#rate = ratePerSecond / 1000;
    this.#capacity = Math.max(1, ratePerSecond * 2);
    this.#tokens = this.#capacity;
    this.#last = now();
  }

  /** Takes one token; false means the caller is over its rate. */
  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (t - this.#last) * this.#rate);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Counts connection attempts per client address in a sliding one-minute window. */
export class ConnectionRateLimiter {
  readonly #attempts = new Map<string, number[]>();
  #sweeps = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt from `ip`; false means the address is over its limit. */
  attempt(ip: string): boolean {
    const t = this.now();
    const since = t - 60_000;
    const list = (this.#attempts.get(ip) ?? []).filter((at) => at > since);
    this.#attempts.set(ip, list);
    if (++this.#sweeps % 1000 === 0) this.#sweep(since);
    // Attempts over the limit are not recorded, so a flood cannot grow the list.
    if (list.length >= this.perMinute) return false;
    list.push(t);
    return true;
  }

  /** Drops addresses with no attempt in the window, so the map does not grow without bound. */
  #sweep(since: number): void {
    for (const [ip, list] of this.#attempts) if ((list.at(-1) ?? 0) <= since) this.#attempts.delete(ip);
  }
}

/** At most one action per `intervalMs` (SV-A10: the answers to QueryAwareness). */
export class MinInterval {
  #last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True, and counts the action, when the last one was at least `intervalMs` ago. */
  take(): boolean {
    const t = this.now();
    if (t - this.#last < this.intervalMs) return false;
    this.#last = t;
    return true;
  }
}
