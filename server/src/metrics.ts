/** The server's Prometheus metrics, served at `/metrics` (rules SV-H6, SV-R3, SV-H14). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics, in a registry of their own (one per `startServer`). */
export interface Metrics {
  readonly registry: Registry;
  readonly rooms: Gauge;
  readonly connections: Gauge<'role'>;
  readonly updatesIn: Counter;
  readonly updatesOut: Counter;
  readonly messagesOut: Counter;
  readonly bytesIn: Counter;
  readonly bytesOut: Counter;
  readonly rejectedWrites: Counter<'reason'>;
  readonly closes: Counter<'code'>;
  readonly keepAlives: Counter;
  readonly storageSeconds: Histogram<'op'>;
  readonly httpBodyBytes: Gauge;
}

/** Creates the metrics (`ketenkaart_*` plus the client library's process metrics). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ketenkaart_' });
  const registers = [registry];
  return {
    registry,
    rooms: new Gauge({ name: 'ketenkaart_rooms', help: 'Rooms (maps) held in memory.', registers }),
    connections: new Gauge({
      name: 'ketenkaart_connections',
      help: 'Open websocket connections.',
      labelNames: ['role'],
      registers,
    }),
    updatesIn: new Counter({
      name: 'ketenkaart_updates_applied_total',
      help: 'Document updates accepted, stored and broadcast.',
      registers,
    }),
    updatesOut: new Counter({
      name: 'ketenkaart_updates_sent_total',
      help: 'Document updates sent to connections (each broadcast counts once per receiver).',
      registers,
    }),
    messagesOut: new Counter({ name: 'ketenkaart_messages_out_total', help: 'Websocket messages sent.', registers }),
    bytesIn: new Counter({ name: 'ketenkaart_bytes_in_total', help: 'Websocket bytes received.', registers }),
    bytesOut: new Counter({ name: 'ketenkaart_bytes_out_total', help: 'Websocket bytes sent.', registers }),
    rejectedWrites: new Counter({
      name: 'ketenkaart_rejected_writes_total',
      help: 'Writes refused: by a viewer, malformed, too large.',
      labelNames: ['reason'],
      registers,
    }),
    closes: new Counter({
      name: 'ketenkaart_closes_total',
      help: 'Sockets closed by the server, by close code.',
      labelNames: ['code'],
      registers,
    }),
    keepAlives: new Counter({
      name: 'ketenkaart_keepalives_total',
      help: 'Keep-alives sent to quiet connections (3 bytes each, SV-K2).',
      registers,
    }),
    storageSeconds: new Histogram({
      name: 'ketenkaart_storage_seconds',
      help: 'Latency of storage calls.',
      labelNames: ['op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    httpBodyBytes: new Gauge({
      name: 'ketenkaart_http_body_bytes_in_flight',
      help: 'Bytes of HTTP request bodies being received (capped by KETENKAART_MAX_BODY_BYTES_IN_FLIGHT).',
      registers,
    }),
  };
}

/** Awaits a storage call and records its latency under `op`. */
export async function timed<T>(metrics: Metrics, op: string, call: () => Promise<T>): Promise<T> {
  const end = metrics.storageSeconds.startTimer({ op });
  try {
    return await call();
  } finally {
    end();
  }
}
