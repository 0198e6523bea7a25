/** One websocket client in a room: its role, rate limit, send path and close (rules SV-L3, SV-L7, SV-R3). */
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type Role } from '@ketenkaart/shared';
import type { ServerCloseCode } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { Peer } from '../rooms/peer.js';
import { MessageRateLimiter } from './limits.js';

/** How long a closing socket may take to finish the close handshake before it is cut. */
const CLOSE_GRACE_MS = 2_000;

/** A room's peer on a websocket. */
export class Connection implements Peer {
  /** Writes refused so far (viewer writes with new content); see rule SV-R3. */
  rejectedWrites = 0;
  #closed = false;
  readonly limiter: MessageRateLimiter;

  constructor(
    readonly ws: WebSocket,
    readonly role: Role,
    private readonly metrics: Metrics,
    private readonly maxBufferedBytes: number,
    maxMessagesPerSecond: number,
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
    this.metrics.messagesOut.inc();
    this.metrics.bytesOut.inc(message.byteLength);
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
