/**
 * Every row of a map in an SQLite data directory, as the copy to PostgreSQL needs them (rule
 * SV-G7): the record with its token hashes, title and last change, the snapshot, the updates with
 * their seqs, the history. Opened read-only, in one read transaction, so the copy sees one state.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './backup.js';
import type { MapImport } from './postgres-import.js';
import { SCHEMA_VERSION } from './sqlite-schema.js';
import { recordOf, type VersionRow } from './version-row.js';

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

interface MapRow {
  id: string;
  edit_token_hash: string;
  view_token_hash: string;
  created_at: number;
  title: string;
  changed_at: number;
}

/** A version with its content: the record's `bytes` is the content's length. */
type StoredVersion = Omit<VersionRow, 'bytes'> & { content: Buffer };

export class SqliteReader {
  readonly #db: Database.Database;

  /** Opens `<dataDir>/ketenkaart.db` read-only; it must have the current layout (start the server once to migrate). */
  constructor(dataDir: string) {
    const file = path.join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new Error(`no database at ${file}; is DATA_DIR right?`);
    this.#db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    const layout = this.#db.pragma('user_version', { simple: true }) as number;
    if (layout !== SCHEMA_VERSION) {
      this.#db.close();
      throw new Error(
        `${file} has layout ${layout}, this version expects ${SCHEMA_VERSION}; start the server once to migrate it`,
      );
    }
    // One read transaction for the whole copy: every map as of one moment.
    this.#db.exec('BEGIN');
  }

  /** Every map id, in id order. */
  mapIds(): string[] {
    return (this.#db.prepare('SELECT id FROM maps ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }

  /** The whole map, or undefined when there is none. */
  read(id: string): MapImport | undefined {
    const row = this.#db.prepare('SELECT * FROM maps WHERE id = ?').get(id) as MapRow | undefined;
    if (!row) return undefined;
    const snapshot = this.#db.prepare('SELECT through_seq, data FROM snapshots WHERE map_id = ?').get(id) as
      { through_seq: number; data: Buffer } | undefined;
    const updates = (
      this.#db.prepare('SELECT seq, data FROM updates WHERE map_id = ? ORDER BY seq').all(id) as {
        seq: number;
        data: Buffer;
      }[]
    ).map((u) => ({ seq: u.seq, data: bytes(u.data) }));
    const versions = (
      this.#db.prepare('SELECT * FROM versions WHERE map_id = ? ORDER BY id').all(id) as StoredVersion[]
    ).map((v) => ({ record: recordOf({ ...v, bytes: v.content.byteLength }), content: bytes(v.content) }));
    const throughSeq = snapshot?.through_seq ?? 0;
    return {
      record: {
        id: row.id,
        editTokenHash: row.edit_token_hash,
        viewTokenHash: row.view_token_hash,
        createdAt: row.created_at,
      },
      title: row.title,
      changedAt: row.changed_at,
      lastSeq: Math.max(throughSeq, updates.at(-1)?.seq ?? 0),
      snapshot: snapshot ? { throughSeq, data: bytes(snapshot.data) } : undefined,
      // Rows a compaction covered are dead (SQLite deletes them with it): only the ones after the snapshot.
      updates: updates.filter((u) => u.seq > throughSeq),
      versions,
    };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
