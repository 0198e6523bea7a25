/**
 * The PostgreSQL layout and its migrations (rule SV-G4). `ketenkaart_schema` has one row per
 * layout version applied. On start the server applies every migration newer than the newest row,
 * all in one transaction under a transaction-scoped advisory lock, so instances starting at the
 * same moment migrate once (the others wait, then find nothing to do); a database from a newer
 * server is refused. Each migration is written to be harmless when run again (IF NOT EXISTS), so
 * a half-known state cannot wedge a start.
 */
import type pg from 'pg';

/** The advisory lock key (first half) of migrations; the second half is 0. */
export const MIGRATION_LOCK = 0x6b6b_0001;
/** The advisory lock key (first half) of compactions; the second half is `hashtext(map id)`. */
export const COMPACTION_LOCK = 0x6b6b_0002;

/**
 * Layout 1. `maps.last_seq` is the map's last sequence number (rule SV-G1): an append raises it
 * with `UPDATE ... RETURNING` in its own transaction, which also takes the row's lock, so two
 * instances appending to one map take turns for that one row and never get the same seq.
 * `updates` is clustered by its primary key (map, seq), as a map's log is read in that order.
 * `health` is the readiness probe's one row (SV-H10).
 */
const LAYOUT_1 = `
CREATE TABLE IF NOT EXISTS maps (
  id text PRIMARY KEY,
  edit_token_hash text NOT NULL,
  view_token_hash text NOT NULL,
  created_at bigint NOT NULL,
  title text NOT NULL DEFAULT '',
  changed_at bigint NOT NULL DEFAULT 0,
  last_seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS snapshots (
  map_id text PRIMARY KEY REFERENCES maps (id),
  through_seq bigint NOT NULL,
  data bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  map_id text NOT NULL REFERENCES maps (id),
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (map_id, seq)
);
CREATE TABLE IF NOT EXISTS versions (
  map_id text NOT NULL REFERENCES maps (id),
  id text NOT NULL,
  created_at bigint NOT NULL,
  name text NOT NULL,
  author text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('named', 'auto')),
  reason text,
  format text NOT NULL,
  hash text NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (map_id, id)
);
CREATE INDEX IF NOT EXISTS versions_by_time ON versions (map_id, created_at);
CREATE TABLE IF NOT EXISTS health (
  id integer PRIMARY KEY CHECK (id = 1),
  checked_at bigint NOT NULL
);
`;

/** Every migration in order: index 0 makes layout 1 from an empty database. A new layout appends one. */
export const MIGRATIONS: readonly string[] = [LAYOUT_1];

/** The layout this server writes. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

const VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS ketenkaart_schema (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the database to `target` (default: this server's layout); returns the version it found.
 * `target` below the current layout exists for the migration tests, which build each earlier layout.
 */
export async function migrate(client: pg.ClientBase, target = PG_SCHEMA_VERSION): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [MIGRATION_LOCK]);
    await client.query(VERSION_TABLE);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM ketenkaart_schema');
    const found = rows[0]?.v ?? 0;
    if (found > PG_SCHEMA_VERSION) {
      throw new Error(
        `database layout ${found} is newer than this server's (${PG_SCHEMA_VERSION}); upgrade the server`,
      );
    }
    for (let version = found + 1; version <= target; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO ketenkaart_schema (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
    return found;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/**
 * Checks, creating nothing, that the database holds this server's layout (the admin command line,
 * SV-O24); throws a sentence naming `where` when it has no Ketenkaart tables or another layout.
 */
export async function expectLayout(client: pg.ClientBase, where: string): Promise<void> {
  const { rows } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('ketenkaart_schema') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) {
    throw new Error(`PostgreSQL at ${where} has no Ketenkaart tables; is DATABASE_URL right?`);
  }
  const found =
    (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM ketenkaart_schema')).rows[0]?.v ?? 0;
  if (found < PG_SCHEMA_VERSION) {
    throw new Error(
      `PostgreSQL at ${where} has layout ${found}, this version expects ${PG_SCHEMA_VERSION}; start the server once to migrate it`,
    );
  }
  if (found > PG_SCHEMA_VERSION) {
    throw new Error(
      `PostgreSQL at ${where} has layout ${found}, newer than this version's (${PG_SCHEMA_VERSION}); upgrade Ketenkaart`,
    );
  }
}
