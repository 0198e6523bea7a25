/** A whole map copied from SQLite into PostgreSQL (rule SV-G7), rows and seqs as they were. */
import type pg from 'pg';
import type { MapRecord, SnapshotRecord } from './types.js';

/** A whole map as the copy from SQLite brings it (rule SV-G7): its rows as they are, seqs included. */
export interface MapImport {
  readonly record: MapRecord;
  readonly title: string;
  readonly changedAt: number;
  /** The map's last seq: its last update's, or its snapshot's when compaction left no update. */
  readonly lastSeq: number;
  readonly snapshot: { readonly throughSeq: number; readonly data: Uint8Array } | undefined;
  readonly updates: readonly { readonly seq: number; readonly data: Uint8Array }[];
  readonly versions: readonly { readonly record: SnapshotRecord; readonly content: Uint8Array }[];
}

/** Update rows per INSERT of an import, so one statement's parameters stay small. */
const IMPORT_CHUNK = 500;

/** Inserts every row of `map` with `client`, inside the caller's transaction; fails if the id exists. */
export async function insertMap(client: pg.PoolClient, map: MapImport): Promise<void> {
  const { record } = map;
  await client.query(
    'INSERT INTO maps (id, edit_token_hash, view_token_hash, created_at, title, changed_at, last_seq) ' +
      'VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [record.id, record.editTokenHash, record.viewTokenHash, record.createdAt, map.title, map.changedAt, map.lastSeq],
  );
  if (map.snapshot) {
    await client.query('INSERT INTO snapshots (map_id, through_seq, data) VALUES ($1, $2, $3)', [
      record.id,
      map.snapshot.throughSeq,
      map.snapshot.data,
    ]);
  }
  for (let i = 0; i < map.updates.length; i += IMPORT_CHUNK) {
    const chunk = map.updates.slice(i, i + IMPORT_CHUNK);
    await client.query('INSERT INTO updates (map_id, seq, data) SELECT $1, * FROM unnest($2::bigint[], $3::bytea[])', [
      record.id,
      chunk.map((u) => u.seq),
      chunk.map((u) => u.data),
    ]);
  }
  for (const v of map.versions) {
    const r = v.record;
    await client.query(
      'INSERT INTO versions (map_id, id, created_at, name, author, kind, reason, format, hash, content) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [r.mapId, r.id, r.createdAt, r.name, r.author, r.kind, r.reason ?? null, r.format, r.hash, v.content],
    );
  }
}
