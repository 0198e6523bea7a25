/**
 * The limits on anonymous map creation (rules SV-H12, SV-H13): a token bucket per client address
 * (429 with Retry-After) and a total quota of stored maps (507).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { HttpError } from './respond.js';

const HOUR_MS = 3_600_000;
/** Above this many tracked addresses, those whose bucket has refilled are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * The key an address is limited under: an IPv4 address as it is (also when IPv4-mapped), an
 * IPv6 address by its /64 prefix, the block one subscriber usually gets (so that one host
 * cannot step around the limit by changing its interface id).
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0]!;
  if (!isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::1.2.3.4) stands for two groups; it never reaches the first four.
  const rightGroups = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - rightGroups)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** What the limits need to know. */
export interface MapCreationConfig {
  readonly maxMapsPerIpPerHour: number;
  readonly maxMaps: number;
}

/** Admits or refuses each `POST /api/maps` before its body is read. */
export class MapCreationLimits {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  /** The stored maps, counted once, then kept up to date by `done`; undefined until known. */
  #stored: Promise<number> | undefined;
  #known = 0;
  /** Creations admitted and not yet ended: they may each add a map. */
  #pending = 0;

  constructor(
    private readonly config: MapCreationConfig,
    private readonly countMaps: () => Promise<number>,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#perMs = config.maxMapsPerIpPerHour / HOUR_MS;
  }

  /**
   * Admits one creation from `address`, or throws 429 (this address is over its rate; the
   * attempt uses a token either way) or 507 (the quota is reached, counting creations in
   * flight, so concurrent requests cannot overshoot it). Call `done(created)` when it ends.
   */
  async admit(address: string | undefined): Promise<(created: boolean) => void> {
    this.#take(addressKey(address));
    if (!this.#stored) {
      const counting = this.countMaps();
      this.#stored = counting;
      try {
        this.#known = await counting;
      } catch (e) {
        if (this.#stored === counting) this.#stored = undefined;
        throw e;
      }
    } else await this.#stored;
    if (this.#known + this.#pending >= this.config.maxMaps) {
      throw new HttpError(507, 'this server holds its maximum number of maps');
    }
    this.#pending++;
    let ended = false;
    return (created) => {
      if (ended) return;
      ended = true;
      this.#pending--;
      if (created) this.#known++;
    };
  }

  /** A stored map was deleted: it no longer counts against the quota (SV-H13). */
  deleted(): void {
    if (this.#stored) this.#known = Math.max(0, this.#known - 1);
  }

  #take(key: string): void {
    const t = this.now();
    const capacity = this.config.maxMapsPerIpPerHour;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= SWEEP_ABOVE) this.#sweep(t);
      bucket = { tokens: capacity, at: t };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * this.#perMs);
    bucket.at = t;
    // The epsilon absorbs rounding in the refill sums, so a map comes back exactly on time.
    if (bucket.tokens < 1 - 1e-9) {
      const seconds = this.#perMs > 0 ? Math.ceil((1 - bucket.tokens) / this.#perMs / 1000) : 3_600;
      throw new HttpError(429, 'too many new maps from this address; try again later', undefined, {
        headers: { 'Retry-After': String(Math.max(1, seconds)) },
      });
    }
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  /** Forgets addresses whose bucket is full again: they are as good as new. */
  #sweep(t: number): void {
    const capacity = this.config.maxMapsPerIpPerHour;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (t - b.at) * this.#perMs >= capacity) this.#buckets.delete(key);
    }
  }
}
