/**
 * The Redis side of the cluster (rules SV-N1, SV-N6): one connection that publishes and one that
 * subscribes (a subscribed connection can do nothing else), both reconnecting by themselves. A
 * publish while Redis is away fails at once instead of queueing: the other instances read what
 * they missed from storage (SV-N2), so nothing waits on Redis.
 */
import { Redis } from 'ioredis';

/** Waits between reconnect attempts grow to this: a Redis that is back is noticed within it. */
const MAX_RECONNECT_WAIT_MS = 500;

/** How long shutdown waits for Redis to answer QUIT. */
const QUIT_WAIT_MS = 500;

export type BusState = 'up' | 'down';

export interface BusEvents {
  /** A message on a subscribed channel. */
  readonly message: (channel: string, message: Uint8Array) => void;
  /** Both connections are ready and every channel is subscribed again (after a start or an outage). */
  readonly up: () => void;
  /** A connection was lost. */
  readonly down: (reason: string) => void;
}

export class RedisBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  /** The channels wanted, subscribed again on every reconnect. */
  readonly #channels = new Set<string>();
  #state: BusState = 'down';
  #closed = false;

  constructor(
    url: string,
    private readonly events: BusEvents,
  ) {
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      // Subscriptions are renewed here, after each reconnect, with the channels wanted then.
      autoResubscribe: false,
      retryStrategy: (times: number) => Math.min(50 * times, MAX_RECONNECT_WAIT_MS),
    };
    this.#pub = new Redis(url, { ...options, connectionName: 'ketenkaart-pub' });
    this.#sub = new Redis(url, { ...options, connectionName: 'ketenkaart-sub' });
    for (const c of [this.#pub, this.#sub]) {
      // Errors come with a 'close' and a reconnect; the state says the rest.
      c.on('error', () => {});
      c.on('close', () => this.#setDown('connection to Redis lost'));
      c.on('ready', () => void this.#maybeUp());
    }
    this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.events.message(channel.toString(), new Uint8Array(message.buffer, message.byteOffset, message.byteLength)),
    );
  }

  get state(): BusState {
    return this.#state;
  }

  /** Connects; resolves once both connections are up or `waitMs` has passed (it keeps trying then). */
  async start(waitMs: number): Promise<void> {
    for (const c of [this.#pub, this.#sub]) c.connect().catch(() => {});
    const deadline = Date.now() + waitMs;
    while (this.#state !== 'up' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * Publishes; a message that cannot be sent now is dropped (the receivers catch up from storage).
   * False when it was dropped at once.
   */
  publish(channel: string, message: Uint8Array): boolean {
    if (this.#pub.status !== 'ready') return false;
    this.#pub.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch(() => {});
    return true;
  }

  /** Starts hearing `channel`; resolves true once subscribed, false when Redis is away (subscribed on its return). */
  async subscribe(channel: string): Promise<boolean> {
    this.#channels.add(channel);
    if (this.#sub.status !== 'ready') return false;
    try {
      await this.#sub.subscribe(channel);
      return this.#channels.has(channel);
    } catch {
      return false;
    }
  }

  unsubscribe(channel: string): void {
    if (!this.#channels.delete(channel)) return;
    if (this.#sub.status === 'ready') this.#sub.unsubscribe(channel).catch(() => {});
  }

  /** Disconnects both connections (shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#state = 'down';
    // A polite QUIT, but never waiting long for a Redis that does not answer.
    const quit = (c: Redis) =>
      Promise.race([c.quit().catch(() => {}), new Promise((r) => setTimeout(r, QUIT_WAIT_MS).unref())]);
    await Promise.all([quit(this.#pub), quit(this.#sub)]);
    this.#pub.disconnect();
    this.#sub.disconnect();
  }

  #setDown(reason: string): void {
    if (this.#closed || this.#state === 'down') return;
    this.#state = 'down';
    this.events.down(reason);
  }

  async #maybeUp(): Promise<void> {
    if (this.#closed || this.#pub.status !== 'ready' || this.#sub.status !== 'ready') return;
    try {
      if (this.#channels.size > 0) await this.#sub.subscribe(...this.#channels);
    } catch {
      return; // lost again: the next 'ready' tries again
    }
    if (this.#closed || this.#state === 'up' || this.#pub.status !== 'ready') return;
    this.#state = 'up';
    this.events.up();
  }
}
