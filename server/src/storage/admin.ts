/**
 * The SQLite database as the admin command line sees it (rule SV-O3): the maps with their title,
 * size and last change, totals, one map's stored document, and deletion. It opens the file on a
 * connection of its own, so it works whether or not a server has the file open (WAL lets both read
 * and write; SQLite serialises the writes).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, backupInto, type BackupResult } from './backup.js';
import { SCHEMA_VERSION, mapDeleter } from './sqlite.js';

/** One map as `list` shows it. */
export interface MapSummary {
  readonly id: string;
  /** The title written at the map's last compaction; '' when it never compacted (see `documentOf`). */
  readonly title: string;
  /** Bytes of its stored document: snapshot plus updates. */
  readonly bytes: number;
  /** When it last changed as far as storage knows (ms since the epoch): its last compaction, else its creation. */
  readonly changedAt: number;
  readonly createdAt: number;
}

/** What `stats` shows. */
export interface StoreStats {
  readonly maps: number;
  readonly updateRows: number;
  readonly snapshotRows: number;
  /** Bytes of every stored document. */
  readonly documentBytes: number;
  /** Sizes of the database file and its WAL. */
  readonly fileBytes: number;
  readonly walBytes: number;
  /** Pages SQLite has free in the file (reused before the file grows). */
  readonly freePages: number;
  readonly pageSize: number;
  readonly layout: number;
}

/** The database of a data directory, opened for administration. Close it when done. */
export class AdminStore {
  readonly #db: Database.Database;
  readonly #file: string;

  /** Opens `<dataDir>/ketenkaart.db`; it must exist and have the current layout (start the server once to migrate). */
  constructor(dataDir: string) {
    this.#file = path.join(dataDir, DATABASE_FILE);
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

  /** Every map, the most recently changed first. */
  list(): MapSummary[] {
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

  /** Totals over the whole store. */
  stats(): StoreStats {
    const one = (sql: string): number => (this.#db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const wal = `${this.#file}-wal`;
    return {
      maps: one('SELECT count(*) AS n FROM maps'),
      updateRows: one('SELECT count(*) AS n FROM updates'),
      snapshotRows: one('SELECT count(*) AS n FROM snapshots'),
      documentBytes:
        one('SELECT sum(length(data)) AS n FROM updates') + one('SELECT sum(length(data)) AS n FROM snapshots'),
      fileBytes: statSync(this.#file).size,
      walBytes: existsSync(wal) ? statSync(wal).size : 0,
      freePages: this.#db.pragma('freelist_count', { simple: true }) as number,
      pageSize: this.#db.pragma('page_size', { simple: true }) as number,
      layout: this.#db.pragma('user_version', { simple: true }) as number,
    };
  }

  /** The stored document of a map (snapshot, then the updates after it), or undefined when there is no such map. */
  documentOf(id: string): Uint8Array[] | undefined {
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

  /** Deletes a map's rows for good (SV-O1), with `secure_delete` on; false when there was no such map. */
  delete(id: string): boolean {
    this.#db.pragma('secure_delete = ON');
    return mapDeleter(this.#db)(id);
  }

  /** A consistent copy of the database at `target` (SV-O2). */
  backup(target: string): BackupResult {
    return backupInto(this.#db, target);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
