/**
 * The server's configuration: every setting, its default and its environment variable (the
 * limits of rules SV-L1-L10, SV-R3, SV-S3, SV-S6, SV-H10 and SV-H12-H16, and the heartbeat of SV-K1).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LOG_LEVELS, silentLogger, type LogFormat, type LogLevel, type Logger } from './logger.js';
import type { Storage } from './storage/types.js';

/**
 * Everything the server can be told. `startServer` takes a partial config and fills the
 * rest from `DEFAULT_CONFIG`; `main.ts` builds one from environment variables (`configFromEnv`).
 */
export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). Env `PORT`, default 8080. */
  readonly port: number;
  /** Interface to bind. Env `HOST`, default 0.0.0.0 (all interfaces). */
  readonly host: string;
  /** Directory of the SQLite database. Env `DATA_DIR`, default `./data`. */
  readonly dataDir: string;
  /** The built client, served as static files. Env `STATIC_DIR`, default `client/dist`. */
  readonly staticDir: string;
  /**
   * Origin used in the links returned by the API (e.g. `https://kaart.example.nl`).
   * Env `PUBLIC_URL`; when empty, links are built from the request's Host header over http.
   */
  readonly publicUrl: string;
  /**
   * The sub-path the app is served under, e.g. `/ketenkaart` (rule SV-B1): every page, asset, API
   * route, health endpoint and the websocket live below it, and the links carry it. `''` (the
   * default) serves at the root. Env `BASE_PATH`; normalised by `normalizeBasePath`.
   */
  readonly basePath: string;
  /** A storage backend to use instead of SQLite in `dataDir` (tests, benches). */
  readonly storage: Storage | undefined;
  /**
   * `postgres://user:password@host:port/database`: store in PostgreSQL instead of SQLite in
   * `dataDir` (rule SV-G5). Env `DATABASE_URL`; empty (the default): SQLite.
   */
  readonly databaseUrl: string;
  /** Connections in the PostgreSQL pool of this instance (SV-G5). Env `KETENKAART_PG_POOL_MAX`. */
  readonly pgPoolMax: number;
  /** `statement_timeout` of PostgreSQL statements, in ms (SV-G5). Env `KETENKAART_PG_STATEMENT_TIMEOUT_MS`. */
  readonly pgStatementTimeoutMs: number;
  /** A room with no clients leaves memory after this long. Env `KETENKAART_EVICT_AFTER_MS`. */
  readonly evictAfterMs: number;
  /** Largest websocket frame; larger ones close the socket with 4413. Also the most a room holds back (SV-L10). */
  readonly maxFrameBytes: number;
  /** Largest stored document; an update that would grow it past this closes with 4414. */
  readonly maxDocumentBytes: number;
  /** Messages per second per connection (a burst of twice this is allowed); more close with 4429. */
  readonly maxMessagesPerSecond: number;
  /** Connections per room; one more is closed with 4430. */
  readonly maxConnectionsPerRoom: number;
  /** Websocket connections per client address per minute; more are closed with 4431. */
  readonly maxConnectionsPerIpPerMinute: number;
  /** Largest awareness state (one client's JSON); larger closes with 4432. */
  readonly maxAwarenessBytes: number;
  /** Send buffer of a connection; a reader that lets it grow past this is closed with 4008. */
  readonly maxBufferedBytes: number;
  /** Largest HTTP request body; larger gets 413. */
  readonly maxBodyBytes: number;
  /** Bytes of request bodies being received at once, over all requests; a body past it gets 503 (SV-H14). */
  readonly maxBodyBytesInFlight: number;
  /** Time a client has to send a request's headers and body; later gets 408 (SV-H15). 0: no limit. */
  readonly requestTimeoutMs: number;
  /** Largest request line plus headers; larger gets 431 (SV-H16). */
  readonly maxHeaderBytes: number;
  /** New maps per client address per hour, in bursts of as many; more get 429 (SV-H12). */
  readonly maxMapsPerIpPerHour: number;
  /** Maps the server stores at most; a new one past it gets 507 (SV-H13). */
  readonly maxMaps: number;
  /** Free disk space in `dataDir` below which `/readyz` reports the SQLite store not ready (SV-H10). */
  readonly minFreeDiskBytes: number;
  /**
   * Reverse proxies in front of the server whose `X-Forwarded-For` entries are believed for the
   * client address of the per-address limits (SV-O9). Env `TRUST_PROXY`, default 0: the socket's peer.
   */
  readonly trustProxy: number;
  /**
   * Serve `/metrics` on this port instead of the main one (SV-O10), e.g. one the proxy does not
   * expose. Env `KETENKAART_METRICS_PORT`; 0 (the default): on the main port.
   */
  readonly metricsPort: number;
  /** A bearer token `/metrics` then requires (SV-O10). Env `KETENKAART_METRICS_TOKEN`; empty: none. */
  readonly metricsToken: string;
  /** Refused writes a viewer may attempt before its socket is closed with 4403. */
  readonly maxRejectedWrites: number;
  /** Worker threads for heavy JSON and Y.Doc work (import, replace, export; SV-W1). At least 1. */
  readonly workers: number;
  /** Input bytes of the heavy tasks waiting for a worker thread (each counts at least 64 KiB); past it, 503 (SV-W2). */
  readonly workQueueBytes: number;
  /** Time one heavy task may take in its thread; longer gets 503 (SV-W2). */
  readonly workTimeoutMs: number;
  /** Heap of one worker thread, in MiB; a task that needs more gets 413, or 503 for an export (SV-W2). */
  readonly workMemoryMb: number;
  /** Compact a room's update log into one snapshot after this many appended updates. */
  readonly compactAfterUpdates: number;
  /**
   * ... or after this many appended bytes. The room holds its document as merged update bytes,
   * which keep deleted content until compaction, so this also bounds its memory (SV-S3).
   */
  readonly compactAfterBytes: number;
  /**
   * Every socket is pinged this often; one that has not answered the previous ping by then is
   * terminated (SV-K1). At most 60 s.
   */
  readonly heartbeatMs: number;
  /**
   * The bearer token of the admin endpoints under `/admin/` (rule SV-O4: connected clients per map,
   * deleting a map), which the command line uses while the server runs. Env
   * `KETENKAART_ADMIN_TOKEN`; empty (the default): the endpoints do not exist (404).
   */
  readonly adminToken: string;
  /**
   * SV-N1: Redis for several instances sharing one PostgreSQL database, e.g. `redis://10.0.0.5:6379`.
   * Env `REDIS_URL`; empty (the default): one instance.
   */
  readonly redisUrl: string;
  /** SV-N1: this instance's name in the cluster and its log. Env `KETENKAART_INSTANCE_ID`; empty: host name, pid and a random part. */
  readonly instanceId: string;
  /** The log (SV-O5); `main.ts` builds it from `LOG_LEVEL` and `KETENKAART_LOG_FORMAT`; silent by default (tests). */
  readonly logger: Logger;
}

/** The defaults; each limit's environment variable is listed in `ENV_VARS`. */
export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  // src/config.ts and dist/config.js both sit one level below server/.
  staticDir: fileURLToPath(new URL('../../client/dist', import.meta.url)),
  publicUrl: '',
  basePath: '',
  storage: undefined,
  databaseUrl: '',
  pgPoolMax: 10,
  pgStatementTimeoutMs: 10_000,
  evictAfterMs: 30_000,
  maxFrameBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxMessagesPerSecond: 100,
  maxConnectionsPerRoom: 300,
  maxConnectionsPerIpPerMinute: 300,
  maxAwarenessBytes: 16 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  maxBodyBytesInFlight: 64 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  maxMapsPerIpPerHour: 120,
  maxMaps: 100_000,
  minFreeDiskBytes: 64 * 1024 * 1024,
  maxRejectedWrites: 20,
  trustProxy: 0,
  metricsPort: 0,
  metricsToken: '',
  // One thread per core beside the main thread's, at least one and at most two.
  workers: Math.min(2, Math.max(1, availableParallelism() - 1)),
  workQueueBytes: 64 * 1024 * 1024,
  workTimeoutMs: 30_000,
  workMemoryMb: 512,
  compactAfterUpdates: 1_000,
  compactAfterBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  adminToken: '',
  redisUrl: '',
  instanceId: '',
  logger: silentLogger,
};

type NumericKey = {
  [K in keyof ServerConfig]: ServerConfig[K] extends number ? K : never;
}[keyof ServerConfig];

/** The environment variable of each numeric setting. */
const ENV_VARS: Readonly<Record<NumericKey, string>> = {
  port: 'PORT',
  evictAfterMs: 'KETENKAART_EVICT_AFTER_MS',
  maxFrameBytes: 'KETENKAART_MAX_FRAME_BYTES',
  maxDocumentBytes: 'KETENKAART_MAX_DOCUMENT_BYTES',
  maxMessagesPerSecond: 'KETENKAART_MAX_MESSAGES_PER_SECOND',
  maxConnectionsPerRoom: 'KETENKAART_MAX_CONNECTIONS_PER_ROOM',
  maxConnectionsPerIpPerMinute: 'KETENKAART_MAX_CONNECTIONS_PER_IP_PER_MINUTE',
  maxAwarenessBytes: 'KETENKAART_MAX_AWARENESS_BYTES',
  maxBufferedBytes: 'KETENKAART_MAX_BUFFERED_BYTES',
  maxBodyBytes: 'KETENKAART_MAX_BODY_BYTES',
  maxBodyBytesInFlight: 'KETENKAART_MAX_BODY_BYTES_IN_FLIGHT',
  requestTimeoutMs: 'KETENKAART_REQUEST_TIMEOUT_MS',
  maxHeaderBytes: 'KETENKAART_MAX_HEADER_BYTES',
  maxMapsPerIpPerHour: 'KETENKAART_MAX_MAPS_PER_IP_PER_HOUR',
  maxMaps: 'KETENKAART_MAX_MAPS',
  minFreeDiskBytes: 'KETENKAART_MIN_FREE_DISK_BYTES',
  maxRejectedWrites: 'KETENKAART_MAX_REJECTED_WRITES',
  trustProxy: 'TRUST_PROXY',
  metricsPort: 'KETENKAART_METRICS_PORT',
  workers: 'KETENKAART_WORKERS',
  workQueueBytes: 'KETENKAART_WORK_QUEUE_BYTES',
  workTimeoutMs: 'KETENKAART_WORK_TIMEOUT_MS',
  workMemoryMb: 'KETENKAART_WORK_MEMORY_MB',
  compactAfterUpdates: 'KETENKAART_COMPACT_AFTER_UPDATES',
  compactAfterBytes: 'KETENKAART_COMPACT_AFTER_BYTES',
  heartbeatMs: 'KETENKAART_HEARTBEAT_MS',
  pgPoolMax: 'KETENKAART_PG_POOL_MAX',
  pgStatementTimeoutMs: 'KETENKAART_PG_STATEMENT_TIMEOUT_MS',
};

/** Reads the configuration from environment variables; throws on a malformed number. */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    out[key] = value;
  }
  if (env['HOST']) out['host'] = env['HOST'];
  if (env['DATA_DIR']) out['dataDir'] = env['DATA_DIR'];
  if (env['STATIC_DIR']) out['staticDir'] = env['STATIC_DIR'];
  if (env['PUBLIC_URL']) out['publicUrl'] = publicOrigin(env['PUBLIC_URL']);
  if (env['BASE_PATH']) out['basePath'] = normalizeBasePath(env['BASE_PATH']);
  if (env['DATABASE_URL']) out['databaseUrl'] = databaseUrl(env['DATABASE_URL']);
  if (env['KETENKAART_METRICS_TOKEN']) out['metricsToken'] = env['KETENKAART_METRICS_TOKEN'];
  if (env['REDIS_URL']) out['redisUrl'] = redisUrl(env['REDIS_URL']);
  if (env['KETENKAART_INSTANCE_ID']) out['instanceId'] = env['KETENKAART_INSTANCE_ID'];
  const adminToken = env['KETENKAART_ADMIN_TOKEN'];
  if (adminToken) {
    if (adminToken.length < 16) throw new Error('KETENKAART_ADMIN_TOKEN must have at least 16 characters');
    out['adminToken'] = adminToken;
  }
  return out;
}

/** `LOG_LEVEL` (default info) and `KETENKAART_LOG_FORMAT` (json or pretty; default json); throws on others. */
export function logOptionsFromEnv(env: NodeJS.ProcessEnv): { level: LogLevel; format: LogFormat } {
  const level = (env['LOG_LEVEL'] || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env['LOG_LEVEL']}"`);
  }
  const format = (env['KETENKAART_LOG_FORMAT'] || 'json').toLowerCase();
  if (format !== 'json' && format !== 'pretty') {
    throw new Error(`KETENKAART_LOG_FORMAT must be json or pretty, got "${env['KETENKAART_LOG_FORMAT']}"`);
  }
  return { level: level as LogLevel, format };
}

/** One path segment of a base path: letters, digits and `-._~` only, so it never needs escaping. */
const BASE_SEGMENT = /^[A-Za-z0-9._~-]{1,64}$/;

/**
 * `BASE_PATH` as the server uses it (rule SV-B1): `''` for the root, else `/a` or `/a/b` with no
 * trailing slash (`ketenkaart/` and `/ketenkaart/` both become `/ketenkaart`). Throws a sentence
 * naming the variable for anything else (`.` and `..` segments, characters that need escaping).
 */
export function normalizeBasePath(raw: string): string {
  const segments = raw.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (!BASE_SEGMENT.test(s) || s === '.' || s === '..') {
      throw new Error(`BASE_PATH must be a path like /ketenkaart (letters, digits, - . _ ~), got "${raw}"`);
    }
  }
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}

/**
 * `PUBLIC_URL` as an origin (`https://kaart.example.nl`, trailing slashes dropped). A path in it
 * is refused with a sentence pointing at `BASE_PATH`, so a link never gets its sub-path twice.
 */
export function publicOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an origin like https://kaart.example.nl, got "${raw}"`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(
      `PUBLIC_URL must be an origin like https://kaart.example.nl without a path; put a sub-path in BASE_PATH, got "${raw}"`,
    );
  }
  return raw.replace(/\/+$/, '');
}

/** `DATABASE_URL` as given, once it is a PostgreSQL URL (SV-G5); throws a sentence naming the variable otherwise. */
export function databaseUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  // A host, or a unix socket directory as `?host=/run/postgresql`.
  const hasHost = url !== undefined && (url.hostname !== '' || url.searchParams.has('host'));
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !hasHost) {
    // The value may hold a password: it is not repeated.
    throw new Error('DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/ketenkaart');
  }
  return raw;
}

/** `REDIS_URL` checked: a `redis:` or `rediss:` URL (SV-N1); throws a sentence naming the variable otherwise. */
export function redisUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    // The value may hold a password: it is not repeated.
    throw new Error('REDIS_URL must be a Redis URL like redis://host:6379');
  }
  return raw;
}

/** Fills a partial config with the defaults. */
export function resolveConfig(options: Partial<ServerConfig> = {}): ServerConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined };
}
