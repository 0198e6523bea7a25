/**
 * One websocket client in a room: its role, rate limits, send path, keep-alive and close (rules
 * SV-L3, SV-L7, SV-R3, SV-A10, SV-K2).
 */
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type Role } from '@ketenkaart/shared';
import type { ServerCloseCode } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { KEEPALIVE } from '../rooms/messages.js';
import type { Peer } from '../rooms/peer.js';
import { MessageRateLimiter, MinInterval } from './limits.js';

/** How long a closing socket may take to finish the close handshake before it is cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * SV-K2: a connection that was sent nothing for this long gets a keep-alive when it sends an
 * awareness update. The stock client renews its awareness every 15-18 s and drops a socket that
 * heard nothing for 30 s; 5 s + 18 s leaves a margin for latency.
 */
export const KEEPALIVE_QUIET_MS = 5_000;

/**
 * SV-A10: QueryAwareness is answered at most this often per connection. One byte asks for every
 * state in the room (up to 300 × 16 KiB); the stock client never sends it over a websocket.
 */
export const QUERY_AWARENESS_INTERVAL_MS = 1_000;

/** A room's peer on a websocket. */
export class Connection implements Peer {
  /** Writes refused so far (viewer writes with new content); see rule SV-R3. */
  rejectedWrites = 0;
  #closed = false;
  /** When the last message was sent (`Date.now()`). */
  #lastSentAt = Date.now();
  readonly limiter: MessageRateLimiter;
  /** When a QueryAwareness may be answered (SV-A10). */
  readonly awarenessQueries = new MinInterval(QUERY_AWARENESS_INTERVAL_MS);

  constructor(
    readonly ws: WebSocket,
    readonly role: Role,
    private readonly metrics: Metrics,
    private readonly maxBufferedBytes: number,
    maxMessagesPerSecond: number,
    readonly tokenHash = '',
  ) {
    this.limiter = new MessageRateLimiter(maxMessagesPerSecond);
  }

  get closed(): boolean {
    return this.#closed || this.ws.readyState !== this.ws.OPEN;
  }

  /** Sends one binary message; a reader whose buffer is past the limit is closed instead (rule SV-L7). */
  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.close(CLOSE_CODES.slowReader, 'slow reader');
      return;
    }
    this.ws.send(message, { binary: true });
    this.#lastSentAt = Date.now();
    this.metrics.messagesOut.inc();
    this.metrics.bytesOut.inc(message.byteLength);
  }

  /**
   * SV-K2: answers the client's awareness update with the 3-byte keep-alive when nothing was sent to
   * it for `KEEPALIVE_QUIET_MS`. A client alone in its room hears no one else's awareness, and the
   * stock client takes a socket on which it hears nothing for 30 s for a dead one.
   */
  keepAliveIfQuiet(): void {
    if (Date.now() - this.#lastSentAt < KEEPALIVE_QUIET_MS) return;
    this.metrics.keepAlives.inc();
    this.send(KEEPALIVE);
  }

  /** Closes the socket with a code from `CLOSE_CODES`; idempotent. */
  close(code: ServerCloseCode, reason = ''): void {
    if (this.#closed) return;
    this.#closed = true;
    this.metrics.closes.inc({ code: String(code) });
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason.slice(0, 120));
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }
}
