/**
 * The storage the configuration asks for (rules SV-S1, SV-G5): the one passed in (tests,
 * benches), PostgreSQL when `DATABASE_URL` is set, else SQLite in `DATA_DIR`; and the name of
 * that mode, which the server logs at start and `/healthz` reports.
 */
import { MemoryStorage } from './memory.js';
import { PostgresStorage } from './postgres.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './types.js';

export type StorageMode = 'sqlite' | 'postgres' | 'memory' | 'custom';

/** What a storage instance is, for the log and `/healthz`. */
export function storageMode(storage: Storage): StorageMode {
  if (storage instanceof PostgresStorage) return 'postgres';
  if (storage instanceof SqliteStorage) return 'sqlite';
  if (storage instanceof MemoryStorage) return 'memory';
  return 'custom';
}

/** Where a database URL points, without its user and password (for the log). */
export function describeDatabaseUrl(raw: string): string {
  const url = new URL(raw);
  const host = url.hostname || (url.searchParams.get('host') ?? '');
  return `${host}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/** The settings `openStorage` reads (a part of the server's configuration). */
export interface StorageConfig {
  readonly storage: Storage | undefined;
  readonly databaseUrl: string;
  readonly pgPoolMax: number;
  readonly pgStatementTimeoutMs: number;
  readonly dataDir: string;
  readonly minFreeDiskBytes: number;
  /** Hears of a backend's troubles: checkpoint errors, lost connections, migrations. */
  readonly log: (component: 'sqlite' | 'postgres', line: string) => void;
}

/** Opens the configured storage; `owned` is false for one passed in, which the caller closes. */
export async function openStorage(
  config: StorageConfig,
): Promise<{ storage: Storage; mode: StorageMode; owned: boolean }> {
  if (config.storage) return { storage: config.storage, mode: storageMode(config.storage), owned: false };
  if (config.databaseUrl) {
    const storage = await PostgresStorage.open({
      url: config.databaseUrl,
      poolMax: config.pgPoolMax,
      statementTimeoutMs: config.pgStatementTimeoutMs,
      log: (line) => config.log('postgres', line),
    });
    return { storage, mode: 'postgres', owned: true };
  }
  const storage = new SqliteStorage(config.dataDir, undefined, (line) => config.log('sqlite', line), {
    minFreeDiskBytes: config.minFreeDiskBytes,
  });
  return { storage, mode: 'sqlite', owned: true };
}
