/**
 * Which store the admin commands read and write (rule SV-O24): the one the server is configured
 * with. `--database-url` names a PostgreSQL database and `--data-dir` an SQLite data directory;
 * without either, `DATABASE_URL` when it is set (as for the server), else `DATA_DIR`, else `./data`.
 */
import { databaseUrl as checkedDatabaseUrl } from '../config.js';
import type { AdminReader } from '../storage/admin-reader.js';
import { SqliteAdmin } from '../storage/admin.js';
import { PostgresAdmin } from '../storage/postgres-admin.js';

/** An SQLite data directory, or a PostgreSQL database. */
export type StoreChoice = { readonly dataDir: string } | { readonly databaseUrl: string };

/** The store of the command line's options and the environment; a URL that is not PostgreSQL's throws (SV-G5). */
export function chooseStore(
  options: { readonly dataDir?: string | undefined; readonly databaseUrl?: string | undefined },
  env: NodeJS.ProcessEnv,
): StoreChoice {
  if (options.databaseUrl) return { databaseUrl: checkedDatabaseUrl(options.databaseUrl) };
  if (options.dataDir) return { dataDir: options.dataDir };
  if (env['DATABASE_URL']) return { databaseUrl: checkedDatabaseUrl(env['DATABASE_URL']) };
  return { dataDir: env['DATA_DIR'] || './data' };
}

/** Opens the store, lets `use` work with it, and closes it. */
export async function withStore<T>(store: StoreChoice, use: (reader: AdminReader) => Promise<T>): Promise<T> {
  const reader = 'databaseUrl' in store ? await PostgresAdmin.open(store.databaseUrl) : new SqliteAdmin(store.dataDir);
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}
