/**
 * The SQLite backend's statements that both its connections run, and the writes it hands to the
 * storage thread (rule SV-S13) built from them.
 */
import { MAP_ROWS } from './map-rows.js';
import type { Write } from './sqlite-thread.js';
import type { Append, MapAbout, MapRecord } from './types.js';

/**
 * A write of at least this many bytes (an append batch, a new map, a compaction's snapshot, a
 * version) goes to the storage thread; smaller ones are written on the rooms' thread, where a
 * write costs no thread hop.
 */
export const THREAD_WRITE_BYTES = 256 * 1024;

export const INSERT_MAP =
  'INSERT INTO maps (id, edit_token_hash, view_token_hash, created_at, changed_at) VALUES (?, ?, ?, ?, ?)';
export const INSERT_UPDATE = 'INSERT INTO updates (map_id, seq, data) VALUES (?, ?, ?)';
export const PUT_SNAPSHOT =
  'INSERT INTO snapshots (map_id, through_seq, data) VALUES (?, ?, ?) ' +
  'ON CONFLICT(map_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data';
export const DELETE_UPDATES = 'DELETE FROM updates WHERE map_id = ? AND seq <= ?';
export const SET_ABOUT = 'UPDATE maps SET title = ?, changed_at = max(changed_at, ?) WHERE id = ?';

/** The parameters of INSERT_MAP. */
export function mapParams(record: MapRecord): [string, string, string, number, number] {
  return [record.id, record.editTokenHash, record.viewTokenHash, record.createdAt, record.createdAt];
}

export function bytesOf(parts: readonly Uint8Array[]): number {
  return parts.reduce((n, p) => n + p.byteLength, 0);
}

/** A new map: its record and its parts as seqs 1..n (SV-S12). */
export function newMapWrite(record: MapRecord, parts: readonly Uint8Array[]): Write {
  return {
    statements: [
      { sql: INSERT_MAP, params: mapParams(record) },
      ...parts.map((part, i) => ({ sql: INSERT_UPDATE, params: [record.id, i + 1, part] })),
    ],
  };
}

/** Appends at the seqs given, one for each. */
export function appendsWrite(appends: readonly Append[], seqs: readonly number[]): Write {
  return { statements: appends.map((a, i) => ({ sql: INSERT_UPDATE, params: [a.id, seqs[i]!, a.update] })) };
}

/** A compaction (SV-S3): the snapshot, the updates it covers deleted, the title and last change (SV-O3). */
export function compactionWrite(id: string, snapshot: Uint8Array, throughSeq: number, about?: MapAbout): Write {
  return {
    statements: [
      { sql: PUT_SNAPSHOT, params: [id, throughSeq, snapshot] },
      { sql: DELETE_UPDATES, params: [id, throughSeq] },
      ...(about ? [{ sql: SET_ABOUT, params: [about.title, about.changedAt, id] }] : []),
    ],
  };
}

/** Every row of the map, its record last (SV-O1); the last statement changes 1 row if there was one. */
export function deletionWrite(id: string): Write {
  return {
    secureDelete: true,
    statements: [
      ...MAP_ROWS.map(([table, column]) => ({ sql: `DELETE FROM ${table} WHERE ${column} = ?`, params: [id] })),
      { sql: 'DELETE FROM maps WHERE id = ?', params: [id] },
    ],
  };
}
