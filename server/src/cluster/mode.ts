/**
 * How this process runs (rule SV-N1), decided at start and logged: one instance on SQLite, one
 * instance on PostgreSQL (which refuses a second one, SV-N7), or one of several on PostgreSQL with
 * Redis between them.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServerConfig } from '../config.js';

export type RunMode = 'single' | 'single-postgres' | 'cluster';

/** The server must not start as configured; the message is the one sentence the command line prints. */
export class StartupRefused extends Error {
  override readonly name = 'StartupRefused';
}

/** What the start-up log line says of each mode. */
export const MODE_TEXT: Readonly<Record<RunMode, string>> = {
  single: 'one instance (SQLite)',
  'single-postgres': 'one instance (PostgreSQL, no REDIS_URL: a second instance on the same database is refused)',
  cluster: 'one of several instances (PostgreSQL and Redis)',
};

/** The mode `config` asks for; throws a sentence for REDIS_URL without a store the instances can share. */
export function runMode(config: ServerConfig): RunMode {
  const shared = Boolean(config.databaseUrl) || config.storage !== undefined;
  if (config.redisUrl) {
    if (!shared) {
      throw new StartupRefused(
        'REDIS_URL needs DATABASE_URL: several instances must share one PostgreSQL database (set DATABASE_URL on every instance).',
      );
    }
    return 'cluster';
  }
  return config.databaseUrl ? 'single-postgres' : 'single';
}

/** This instance's id: `KETENKAART_INSTANCE_ID`, else host name, pid and a random part (unique across restarts). */
export function instanceIdOf(config: ServerConfig): string {
  return config.instanceId || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
