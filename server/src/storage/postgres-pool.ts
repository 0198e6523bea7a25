/** The PostgreSQL connection pool and its settings (rule SV-G5). */
import pg from 'pg';

/** Connection settings of the PostgreSQL backend (rule SV-G5). */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form; `?sslmode=` as node-postgres reads it). */
  readonly url: string;
  /** Connections in this instance's pool (default 10). */
  readonly poolMax?: number;
  /** `statement_timeout` of every connection, and how long a query may take in all (default 10 s). */
  readonly statementTimeoutMs?: number;
  /** How long getting a connection may take before the call fails (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Hears of connection errors and migrations. */
  readonly log?: (line: string) => void;
}

export const PG_DEFAULTS = { poolMax: 10, statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 } as const;

/** Both 64-bit columns (seqs, milliseconds since the epoch) stay below 2^53: read them as numbers. */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** A pool with the settings of SV-G5 (`statement_timeout`, timeouts, 64-bit numbers read as numbers). */
export function createPool(options: PostgresOptions): pg.Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? PG_DEFAULTS.statementTimeoutMs;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? PG_DEFAULTS.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs ?? PG_DEFAULTS.connectTimeoutMs,
    // SV-G5: a statement the server cuts off, and a client-side bound should the server not answer at all.
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    idleTimeoutMillis: 30_000,
    application_name: 'ketenkaart',
    types,
  });
  // An idle connection that the server drops (restart, failover) is an 'error' event on the
  // pool: unheard, it would end the process. The next query takes a new connection.
  pool.on('error', (e) => options.log?.(`postgres: idle connection lost: ${e.message}`));
  return pool;
}
