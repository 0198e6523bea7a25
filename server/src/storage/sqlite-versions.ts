/** The `versions` table of the SQLite backend: a map's history (rules SV-V1, SV-S9 layout 4). */
import type Database from 'better-sqlite3';
import { recordOf, type VersionRow } from './version-row.js';
import type { Statement } from './sqlite-thread.js';
import type { SnapshotRecord } from './types.js';

const COLUMNS = 'map_id, id, created_at, name, author, kind, reason, format, hash, length(content) AS bytes';

const INSERT =
  'INSERT INTO versions (map_id, id, created_at, name, author, kind, reason, format, hash, content) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Prepared statements over `versions`; synchronous, as better-sqlite3 is. */
export class VersionTable {
  readonly #insert: Database.Statement<
    [string, string, number, string, string, string, string | null, string, string, Uint8Array]
  >;
  readonly #list: Database.Statement<[string], VersionRow>;
  readonly #get: Database.Statement<[string, string], VersionRow & { content: Buffer }>;
  readonly #remove: (mapId: string, ids: readonly string[]) => number;
  readonly #removeAll: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(INSERT);
    this.#list = db.prepare(`SELECT ${COLUMNS} FROM versions WHERE map_id = ? ORDER BY created_at DESC, id DESC`);
    this.#get = db.prepare(`SELECT ${COLUMNS}, content FROM versions WHERE map_id = ? AND id = ?`);
    const removeOne = db.prepare<[string, string]>('DELETE FROM versions WHERE map_id = ? AND id = ?');
    this.#remove = db.transaction((mapId: string, ids: readonly string[]) =>
      ids.reduce((n, id) => n + removeOne.run(mapId, id).changes, 0),
    );
    this.#removeAll = db.prepare('DELETE FROM versions WHERE map_id = ?');
  }

  add(r: SnapshotRecord, content: Uint8Array): void {
    this.#insert.run(...parameters(r, content));
  }

  /** The insert of `add` as a statement for another connection (the storage thread, SV-S13). */
  static insertStatement(r: SnapshotRecord, content: Uint8Array): Statement {
    return { sql: INSERT, params: parameters(r, content) };
  }

  /** The map's snapshots, newest first. */
  list(mapId: string): SnapshotRecord[] {
    return this.#list.all(mapId).map(recordOf);
  }

  get(mapId: string, id: string): { record: SnapshotRecord; content: Uint8Array } | undefined {
    const row = this.#get.get(mapId, id);
    if (!row) return undefined;
    const { content } = row;
    return { record: recordOf(row), content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) };
  }

  /** Deletes these snapshots of the map in one transaction; how many existed. */
  remove(mapId: string, ids: readonly string[]): number {
    return this.#remove(mapId, ids);
  }

  /** Deletes every snapshot of the map in one statement. */
  removeAll(mapId: string): void {
    this.#removeAll.run(mapId);
  }
}

function parameters(
  r: SnapshotRecord,
  content: Uint8Array,
): [string, string, number, string, string, string, string | null, string, string, Uint8Array] {
  return [r.mapId, r.id, r.createdAt, r.name, r.author, r.kind, r.reason ?? null, r.format, r.hash, content];
}
