/**
 * The server's Prometheus metrics, served at `/metrics` (rules SV-H6, SV-O10, SV-R3, SV-H14). Names
 * follow Prometheus' conventions: a `ketenkaart_` prefix, base units as suffixes (`_bytes`,
 * `_seconds`), `_total` on counters; the client library's process and Node metrics keep their
 * standard names (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`...).
 */
import { readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The server package's version (src/ and dist/ both sit one level below server/). */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

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
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpSeconds: Histogram<'method' | 'route'>;
  readonly compactions: Counter<'outcome'>;
  readonly compactionSeconds: Histogram;
  readonly compactionBytes: Histogram;
}

/** Creates the metrics (`ketenkaart_*` plus the client library's process metrics). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'ketenkaart_build_info',
    help: 'Always 1; the labels say which server runs: its version and Node.',
    labelNames: ['version', 'node'],
    registers,
  }).set({ version: VERSION, node: process.version }, 1);
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
    messagesOut: new Counter({
      name: 'ketenkaart_websocket_messages_sent_total',
      help: 'Websocket messages sent.',
      registers,
    }),
    bytesIn: new Counter({
      name: 'ketenkaart_websocket_received_bytes_total',
      help: 'Websocket bytes received.',
      registers,
    }),
    bytesOut: new Counter({ name: 'ketenkaart_websocket_sent_bytes_total', help: 'Websocket bytes sent.', registers }),
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
      name: 'ketenkaart_http_request_body_in_flight_bytes',
      help: 'Bytes of HTTP request bodies being received (capped by KETENKAART_MAX_BODY_BYTES_IN_FLIGHT).',
      registers,
    }),
    httpRequests: new Counter({
      name: 'ketenkaart_http_requests_total',
      help: 'HTTP requests answered, by method, route (a template, never an id) and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpSeconds: new Histogram({
      name: 'ketenkaart_http_request_duration_seconds',
      help: 'Time from a request to the end of its answer.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    }),
    compactions: new Counter({
      name: 'ketenkaart_compactions_total',
      help: 'Compactions of a room (SV-S3), by outcome (done or failed).',
      labelNames: ['outcome'],
      registers,
    }),
    compactionSeconds: new Histogram({
      name: 'ketenkaart_compaction_duration_seconds',
      help: 'Time of one compaction: merging in the worker thread and storing the snapshot.',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    }),
    compactionBytes: new Histogram({
      name: 'ketenkaart_compaction_snapshot_bytes',
      help: 'Size of the snapshot a compaction stored.',
      buckets: [1e3, 1e4, 1e5, 1e6, 4e6, 16e6, 64e6],
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
