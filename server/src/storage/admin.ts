/**
 * The SQLite database as the admin command line sees it (rules SV-O3, SV-O24): the maps with their
 * title, size and last change, totals, one map's stored document, deletion and backups. It opens
 * the file on a connection of its own, so it works whether or not a server has the file open (WAL
 * lets both read and write; SQLite serialises the writes). A data directory without the file is an
 * error: nothing is created.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AdminReader, MapSummary, SqliteStats } from './admin-reader.js';
import { attempt } from './attempt.js';
import { DATABASE_FILE, backupInto, type BackupResult } from './backup.js';
import { SCHEMA_VERSION, mapDeleter } from './sqlite-schema.js';

/** The database of a data directory, opened for administration. Close it when done. */
export class SqliteAdmin implements AdminReader {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly where: string;

  /** Opens `<dataDir>/ketenkaart.db`; it must exist and have the current layout (start the server once to migrate). */
  constructor(dataDir: string) {
    this.#file = path.join(dataDir, DATABASE_FILE);
    this.where = this.#file;
    if (!existsSync(this.#file)) throw new Error(`no database at ${this.#file}; is DATA_DIR right?`);
    this.#db = new Database(this.#file, { fileMustExist: true, timeout: 5_000 });
    const layout = this.#db.pragma('user_version', { simple: true }) as number;
    if (layout !== SCHEMA_VERSION) {
      this.#db.close();
      throw new Error(
        `${this.#file} has layout ${layout}, this version expects ${SCHEMA_VERSION}; start the server once to migrate it`,
      );
    }
  }

  list(): Promise<MapSummary[]> {
    return attempt(() => this.#list());
  }

  stats(): Promise<SqliteStats> {
    return attempt(() => this.#stats());
  }

  documentOf(id: string): Promise<Uint8Array[] | undefined> {
    return attempt(() => this.#documentOf(id));
  }

  /** SV-O1, with `secure_delete` on, so the freed pages are overwritten with zeros. */
  delete(id: string): Promise<boolean> {
    return attempt(() => {
      this.#db.pragma('secure_delete = ON');
      return mapDeleter(this.#db)(id);
    });
  }

  #list(): MapSummary[] {
    const rows = this.#db
      .prepare(
        `SELECT m.id, m.title, m.created_at AS createdAt, max(m.changed_at, m.created_at) AS changedAt,
           coalesce((SELECT sum(length(data)) FROM updates WHERE map_id = m.id), 0) +
           coalesce((SELECT length(data) FROM snapshots WHERE map_id = m.id), 0) AS bytes
         FROM maps m ORDER BY changedAt DESC, m.id`,
      )
      .all() as MapSummary[];
    return rows;
  }

  #stats(): SqliteStats {
    const one = (sql: string): number => (this.#db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const wal = `${this.#file}-wal`;
    return {
      storage: 'sqlite',
      maps: one('SELECT count(*) AS n FROM maps'),
      updateRows: one('SELECT count(*) AS n FROM updates'),
      snapshotRows: one('SELECT count(*) AS n FROM snapshots'),
      versionRows: one('SELECT count(*) AS n FROM versions'),
      documentBytes:
        one('SELECT sum(length(data)) AS n FROM updates') + one('SELECT sum(length(data)) AS n FROM snapshots'),
      fileBytes: statSync(this.#file).size,
      walBytes: existsSync(wal) ? statSync(wal).size : 0,
      freePages: this.#db.pragma('freelist_count', { simple: true }) as number,
      pageSize: this.#db.pragma('page_size', { simple: true }) as number,
      layout: this.#db.pragma('user_version', { simple: true }) as number,
    };
  }

  #documentOf(id: string): Uint8Array[] | undefined {
    if (!this.#db.prepare('SELECT 1 FROM maps WHERE id = ?').get(id)) return undefined;
    const snapshot = this.#db.prepare('SELECT through_seq, data FROM snapshots WHERE map_id = ?').get(id) as
      { through_seq: number; data: Buffer } | undefined;
    const rows = this.#db
      .prepare('SELECT data FROM updates WHERE map_id = ? AND seq > ? ORDER BY seq')
      .all(id, snapshot?.through_seq ?? 0) as { data: Buffer }[];
    return [...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)].map(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  }

  /** A consistent copy of the database at `target` (SV-O2). */
  backup(target: string): BackupResult {
    return backupInto(this.#db, target);
  }

  close(): Promise<void> {
    return attempt(() => {
      if (this.#db.open) this.#db.close();
    });
  }
}
