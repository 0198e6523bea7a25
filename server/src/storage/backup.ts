/**
 * Consistent online backups of the SQLite database (rule SV-O2): `VACUUM INTO` on a connection of
 * its own, so the copy is one read transaction's snapshot while the server goes on writing, and the
 * automatic copy taken before a schema migration (SV-S9).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The database file's name in the data directory. */
export const DATABASE_FILE = 'ketenkaart.db';

/** Where the automatic copies before a migration go, inside the data directory. */
export const BACKUP_DIR = 'backups';

/** What a backup wrote. */
export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly maps: number;
}

/**
 * Writes a consistent copy of the database `db` has open to `target` (which must not exist), and
 * checks it: it opens, passes `quick_check`, and its maps are counted.
 *
 * `VACUUM INTO` reads the whole database in one read transaction: under WAL the server's
 * appends go on meanwhile (a reader never blocks a writer) and none of them is half in the copy.
 * SQLite's online backup API (better-sqlite3's `db.backup()`) copies pages in steps and starts
 * over whenever another connection writes between two steps, so under a steady stream of edits
 * it might never finish; copying `ketenkaart.db` with `cp` misses what is still in the WAL.
 */
export function backupInto(db: Database.Database, target: string): BackupResult {
  const file = path.resolve(target);
  if (existsSync(file)) throw new Error(`${file} exists already; choose a new file name`);
  mkdirSync(path.dirname(file), { recursive: true });
  db.prepare('VACUUM INTO ?').run(file);
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup ${file} fails its check: ${String(check)}`);
    const maps = (copy.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;
    return { file, bytes: statSync(file).size, maps };
  } finally {
    copy.close();
  }
}

/** Opens the database of `dataDir` on a connection of its own (it must exist) and backs it up to `target`. */
export function backupDataDir(dataDir: string, target: string): BackupResult {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new Error(`no database at ${source}; is DATA_DIR right?`);
  // Waits up to 5 s for a lock the server holds for a moment (e.g. a checkpoint's).
  const db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  try {
    return backupInto(db, target);
  } finally {
    db.close();
  }
}

/** The file name of the automatic copy before migrating layout `from` (SV-S9), unique per second. */
export function migrationBackupFile(dataDir: string, from: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(dataDir, BACKUP_DIR, `ketenkaart-layout${from}-${stamp}.db`);
}
