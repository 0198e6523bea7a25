/**
 * The heartbeat (rule SV-K1): every socket is pinged every `heartbeatMs`; one that has not
 * answered the previous ping with a pong by the next one is terminated. A half-open socket (its
 * peer gone without a close, or its TCP stalled) would otherwise stay counted and hold its room
 * in memory for ever; terminating it runs the usual close path (leave, release, eviction).
 */
import type { WebSocket, WebSocketServer } from 'ws';
import type { Metrics } from '../metrics.js';

/** The longest heartbeat allowed: a socket that stops answering is closed within this long of a ping. */
export const MAX_HEARTBEAT_MS = 60_000;

/** Throws unless `ms` is a heartbeat the server accepts (1 ms to `MAX_HEARTBEAT_MS`). */
export function checkHeartbeat(ms: number): void {
  if (!Number.isFinite(ms) || ms < 1 || ms > MAX_HEARTBEAT_MS) {
    throw new RangeError(`heartbeatMs (KETENKAART_HEARTBEAT_MS) must be 1 to ${MAX_HEARTBEAT_MS}, got ${ms}`);
  }
}

/** Pings the sockets of `wss` on one timer; `watch` each socket as it is accepted. */
export class Heartbeat {
  /** Sockets pinged and not yet answered. */
  readonly #unanswered = new WeakSet<WebSocket>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly wss: WebSocketServer,
    intervalMs: number,
    private readonly metrics: Metrics,
  ) {
    checkHeartbeat(intervalMs);
    // The beat runs after the I/O of the timer's turn of the event loop: a pong that arrived while
    // the thread was busy past the deadline is counted before the socket is judged.
    this.#timer = setInterval(() => setImmediate(() => this.#beat()), intervalMs);
    this.#timer.unref();
  }

  /** Starts listening for the socket's pongs. */
  watch(ws: WebSocket): void {
    ws.on('pong', () => this.#unanswered.delete(ws));
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #beat(): void {
    for (const ws of this.wss.clients) {
      if (this.#unanswered.has(ws)) {
        // No close handshake: a peer that does not answer pings would not answer that either.
        this.metrics.closes.inc({ code: 'heartbeat' });
        ws.terminate();
        continue;
      }
      this.#unanswered.add(ws);
      try {
        ws.ping();
      } catch {
        // Not open any more: its close is under way.
      }
    }
  }
}
