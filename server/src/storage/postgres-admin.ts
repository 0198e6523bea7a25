/**
 * The PostgreSQL database as the admin command line sees it (rule SV-O24): the same answers as
 * the SQLite file's (`admin.ts`). A map's document and its deletion are the backend's own
 * (`PostgresStorage`); only what the server itself never asks for is here: the list with titles
 * and sizes, the row totals and the sizes on disk. Nothing is created or migrated: a database without
 * this server's layout is refused with a sentence.
 */
import type pg from 'pg';
import type { AdminReader, MapSummary, PostgresStats } from './admin-reader.js';
import { describeDatabaseUrl } from './open.js';
import { PostgresStorage } from './postgres.js';
import { createPool } from './postgres-pool.js';

/**
 * `statement_timeout` of the command line's statements: a map's document or its deletion may be
 * tens of MB, more than a server's 10 s allow on a busy database.
 */
const ADMIN_STATEMENT_TIMEOUT_MS = 120_000;

/** Every map with its title, stored bytes and last change; ids compare byte by byte, as in SQLite. */
const SUMMARIES = `
SELECT m.id, m.title, m.created_at AS "createdAt", greatest(m.changed_at, m.created_at) AS "changedAt",
  (coalesce(u.bytes, 0) + coalesce(octet_length(s.data), 0))::bigint AS bytes
FROM maps m
LEFT JOIN (SELECT map_id, sum(octet_length(data)) AS bytes FROM updates GROUP BY map_id) u ON u.map_id = m.id
LEFT JOIN snapshots s ON s.map_id = m.id
ORDER BY "changedAt" DESC, m.id COLLATE "C"`;

/** The database and each table on disk (with TOAST and indexes), and the layout. */
const SIZES = `
SELECT pg_database_size(current_database()) AS database,
  pg_total_relation_size('maps') AS maps, pg_total_relation_size('updates') AS updates,
  pg_total_relation_size('snapshots') AS snapshots, pg_total_relation_size('versions') AS versions,
  (SELECT max(version) FROM ketenkaart_schema) AS layout`;

/** Rows and bytes of the stored documents and history, in one statement. */
const TOTALS = `
SELECT (SELECT count(*) FROM maps) AS maps, (SELECT count(*) FROM updates) AS updates,
  (SELECT coalesce(sum(octet_length(data)), 0) FROM updates)::bigint AS update_bytes,
  (SELECT count(*) FROM snapshots) AS snapshots,
  (SELECT coalesce(sum(octet_length(data)), 0) FROM snapshots)::bigint AS snapshot_bytes,
  (SELECT count(*) FROM versions) AS versions`;

interface TotalsRow {
  maps: number;
  updates: number;
  update_bytes: number;
  snapshots: number;
  snapshot_bytes: number;
  versions: number;
}

interface SizeRow {
  database: number;
  maps: number;
  updates: number;
  snapshots: number;
  versions: number;
  layout: number;
}

export class PostgresAdmin implements AdminReader {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly storage: PostgresStorage,
    readonly where: string,
  ) {}

  /** Connects to `url` (checked already, SV-G5) with a pool of two; rejects with one sentence. */
  static async open(url: string): Promise<PostgresAdmin> {
    const where = describeDatabaseUrl(url);
    const pool = createPool({ url, poolMax: 2, statementTimeoutMs: ADMIN_STATEMENT_TIMEOUT_MS });
    try {
      return new PostgresAdmin(pool, await PostgresStorage.existing(pool, where), where);
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
  }

  async list(): Promise<MapSummary[]> {
    return (await this.pool.query<MapSummary>(SUMMARIES)).rows;
  }

  async stats(): Promise<PostgresStats> {
    const totals = (await this.pool.query<TotalsRow>(TOTALS)).rows[0]!;
    const sizes = (await this.pool.query<SizeRow>(SIZES)).rows[0]!;
    return {
      storage: 'postgres',
      database: this.where,
      maps: totals.maps,
      updateRows: totals.updates,
      snapshotRows: totals.snapshots,
      versionRows: totals.versions,
      documentBytes: totals.update_bytes + totals.snapshot_bytes,
      databaseBytes: sizes.database,
      tableBytes: { maps: sizes.maps, updates: sizes.updates, snapshots: sizes.snapshots, versions: sizes.versions },
      layout: sizes.layout,
    };
  }

  async documentOf(id: string): Promise<Uint8Array[] | undefined> {
    if (!(await this.storage.getMap(id))) return undefined;
    return [...(await this.storage.loadDocument(id)).updates];
  }

  /** SV-O1 as the server does it: every row of the map in one transaction, its record last. */
  delete(id: string): Promise<boolean> {
    return this.storage.deleteMap(id);
  }

  /** Ends the pool. */
  close(): Promise<void> {
    return this.storage.close();
  }
}
