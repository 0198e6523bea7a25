/**
 * The server's configuration: every setting, its default and its environment variable (the
 * limits of rules SV-L1-L10, SV-R3, SV-S3 and SV-S6, and the heartbeat of SV-K1).
 */
import { fileURLToPath } from 'node:url';
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
  /** A storage backend to use instead of SQLite in `dataDir` (tests, benches). */
  readonly storage: Storage | undefined;
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
  /** Refused writes a viewer may attempt before its socket is closed with 4403. */
  readonly maxRejectedWrites: number;
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
  /** Where the server writes its few log lines; silent by default in tests. */
  readonly log: (line: string) => void;
}

/** The defaults; each limit's environment variable is listed in `ENV_VARS`. */
export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  // src/config.ts and dist/config.js both sit one level below server/.
  staticDir: fileURLToPath(new URL('../../client/dist', import.meta.url)),
  publicUrl: '',
  storage: undefined,
  evictAfterMs: 30_000,
  maxFrameBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxMessagesPerSecond: 100,
  maxConnectionsPerRoom: 300,
  maxConnectionsPerIpPerMinute: 300,
  maxAwarenessBytes: 16 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxBodyBytes: 32 * 1024 * 1024,
  maxRejectedWrites: 20,
  compactAfterUpdates: 1_000,
  compactAfterBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  log: () => {},
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
  maxRejectedWrites: 'KETENKAART_MAX_REJECTED_WRITES',
  compactAfterUpdates: 'KETENKAART_COMPACT_AFTER_UPDATES',
  compactAfterBytes: 'KETENKAART_COMPACT_AFTER_BYTES',
  heartbeatMs: 'KETENKAART_HEARTBEAT_MS',
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
  if (env['PUBLIC_URL']) out['publicUrl'] = env['PUBLIC_URL'].replace(/\/+$/, '');
  return out;
}

/** Fills a partial config with the defaults. */
export function resolveConfig(options: Partial<ServerConfig> = {}): ServerConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined };
}
