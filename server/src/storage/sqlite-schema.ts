/** The SQLite layout: its tables, its version and the migrations to it (rules SV-S9, SV-O1, SV-H10). */
import type Database from 'better-sqlite3';
import { backupInto, migrationBackupFile } from './backup.js';
import { MAP_ROWS } from './map-rows.js';

/** `PRAGMA user_version` of the current layout (rule SV-S9). */
export const SCHEMA_VERSION = 4;

/**
 * Layout 2 (rule SV-S9). `updates` is one b-tree clustered by map (WITHOUT ROWID, no separate
 * index), and new files use 1 KiB pages, so an append writes few and small pages to the WAL
 * (layout 1 had a table, an index and AUTOINCREMENT, in 4 KiB pages): WAL writes are what the
 * disk spends its time on under a workshop's stream of small updates.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS maps (
  id TEXT PRIMARY KEY,
  edit_token_hash TEXT NOT NULL,
  view_token_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS snapshots (
  map_id TEXT PRIMARY KEY REFERENCES maps(id),
  through_seq INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS updates (
  map_id TEXT NOT NULL REFERENCES maps(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (map_id, seq)
) STRICT, WITHOUT ROWID;
`;

/**
 * Layout 3 (rule SV-O3): the maps table learns the map's title and when it last changed, written
 * when its room compacts, for the admin command line. Existing rows get '' and 0 (unknown).
 */
const LAYOUT_3 = `
ALTER TABLE maps ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE maps ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
`;

/**
 * Layout 4 (rules SV-S9, SV-V1) adds `versions`, a map's history: one row per snapshot, its
 * content in the row. A rowid table (rows hold whole maps, which a WITHOUT ROWID b-tree stores
 * badly) with an index by map and time, so a map's list is one index range and deleting all of
 * a map's snapshots is one statement.
 */
const LAYOUT_4 = `
CREATE TABLE IF NOT EXISTS versions (
  map_id TEXT NOT NULL REFERENCES maps(id),
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  name TEXT NOT NULL,
  author TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')),
  reason TEXT,
  format TEXT NOT NULL,
  hash TEXT NOT NULL,
  content BLOB NOT NULL,
  UNIQUE (map_id, id)
) STRICT;
CREATE INDEX IF NOT EXISTS versions_by_time ON versions (map_id, created_at);
`;

/**
 * Creates the current layout in a new file, or migrates an older one in place, in one
 * transaction. A file that holds maps is first copied to `DATA_DIR/backups/` (SV-O2), so a
 * migration that goes wrong, or a server that must be downgraded, has the file as it was.
 * Layout 1 (one global AUTOINCREMENT seq and an index) to 2: the old table is renamed, SCHEMA
 * creates the new one, the rows are copied with their seqs as they are. 2 to 3: two columns.
 * 3 to 4: the `versions` table.
 */
export function prepareSchema(db: Database.Database, dataDir: string, log: (line: string) => void): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database layout ${version} is newer than this server's (${SCHEMA_VERSION}); upgrade the server`);
  }
  if (version === SCHEMA_VERSION) return;
  const hasMaps = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'maps'").get();
  if (hasMaps) {
    const copy = backupInto(db, migrationBackupFile(dataDir, version));
    log(`sqlite: copied layout ${version} to ${copy.file} (${copy.maps} maps) before migrating to ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (version < 2) {
      const hasLayout1 = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'updates_by_map'")
        .get();
      if (hasLayout1) db.exec('ALTER TABLE updates RENAME TO updates_v1');
      db.exec(SCHEMA);
      if (hasLayout1) {
        db.exec(
          'INSERT INTO updates (map_id, seq, data) SELECT map_id, seq, data FROM updates_v1; DROP TABLE updates_v1;',
        );
      }
    }
    if (version < 3) db.exec(LAYOUT_3);
    if (version < 4) db.exec(LAYOUT_4);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * SV-O1: a function that deletes every row of a map in one transaction, true when the map was
 * there. Shared by the server and the admin command line (`delete`).
 */
export function mapDeleter(db: Database.Database): (id: string) => boolean {
  const deleteRows = MAP_ROWS.map(([table, column]) => db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`));
  const deleteRecord = db.prepare('DELETE FROM maps WHERE id = ?');
  return db.transaction((id: string) => {
    for (const statement of deleteRows) statement.run(id);
    return deleteRecord.run(id).changes === 1;
  });
}

/**
 * The one-row table the readiness probe writes (rule SV-H10). It is no part of the versioned
 * layout: servers that do not know it ignore it, so it is created in every file as it is opened.
 */
export const HEALTH_TABLE = `
CREATE TABLE IF NOT EXISTS health (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at INTEGER NOT NULL
) STRICT;
`;
