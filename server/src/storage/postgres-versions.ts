/** The `versions` table of the PostgreSQL backend: a map's history (rules SV-V1, SV-G4). */
import type pg from 'pg';
import { recordOf, type VersionRow } from './version-row.js';
import type { SnapshotRecord } from './types.js';

const COLUMNS = 'map_id, id, created_at, name, author, kind, reason, format, hash, octet_length(content) AS bytes';
/** Ids compare byte by byte, as in SQLite, whatever the database's collation. */
const NEWEST_FIRST = 'ORDER BY created_at DESC, id COLLATE "C" DESC';

/** The history statements over a pool. */
export class PgVersionTable {
  constructor(private readonly pool: pg.Pool) {}

  async add(r: SnapshotRecord, content: Uint8Array): Promise<void> {
    await this.pool.query(
      'INSERT INTO versions (map_id, id, created_at, name, author, kind, reason, format, hash, content) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [r.mapId, r.id, r.createdAt, r.name, r.author, r.kind, r.reason ?? null, r.format, r.hash, content],
    );
  }

  /** The map's snapshots, newest first. */
  async list(mapId: string): Promise<SnapshotRecord[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${COLUMNS} FROM versions WHERE map_id = $1 ${NEWEST_FIRST}`,
      [mapId],
    );
    return rows.map(recordOf);
  }

  async get(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    const { rows } = await this.pool.query<VersionRow & { content: Buffer }>(
      `SELECT ${COLUMNS}, content FROM versions WHERE map_id = $1 AND id = $2`,
      [mapId, id],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { content } = row;
    return { record: recordOf(row), content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) };
  }

  /** Deletes these snapshots of the map in one statement; how many existed. */
  async remove(mapId: string, ids: readonly string[]): Promise<number> {
    const result = await this.pool.query('DELETE FROM versions WHERE map_id = $1 AND id = ANY($2::text[])', [
      mapId,
      [...ids],
    ]);
    return result.rowCount ?? 0;
  }

  async removeAll(mapId: string): Promise<void> {
    await this.pool.query('DELETE FROM versions WHERE map_id = $1', [mapId]);
  }
}
