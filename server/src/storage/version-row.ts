/** A row of the `versions` table as both SQL backends read it (rules SV-V1, SV-S9, SV-G4). */
import type { SnapshotRecord } from './types.js';

/** The columns of a version's record; `bytes` is the stored content's length. */
export interface VersionRow {
  map_id: string;
  id: string;
  created_at: number;
  name: string;
  author: string;
  kind: 'named' | 'auto';
  reason: string | null;
  format: string;
  hash: string;
  bytes: number;
}

/** The record of a row. */
export const recordOf = (row: VersionRow): SnapshotRecord => ({
  id: row.id,
  mapId: row.map_id,
  name: row.name,
  createdAt: row.created_at,
  author: row.author,
  kind: row.kind,
  ...(row.reason === null ? {} : { reason: row.reason as SnapshotRecord['reason'] }),
  format: row.format as SnapshotRecord['format'],
  bytes: row.bytes,
  hash: row.hash,
});
