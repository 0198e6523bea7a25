/**
 * Every table that holds rows of one map, with its map column, deleted with the map (rule SV-O1)
 * before the map's own row, in SQLite and in PostgreSQL alike (both layouts name them so). A new
 * per-map table joins this list: one more DELETE in the same transaction.
 */
export const MAP_ROWS: readonly (readonly [table: string, column: string])[] = [
  ['updates', 'map_id'],
  ['snapshots', 'map_id'],
  ['versions', 'map_id'],
];
