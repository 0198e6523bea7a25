/**
 * The store as the admin command line sees it (rules SV-O3, SV-O24), whichever backend holds the
 * maps: SQLite (`admin.ts`) or PostgreSQL (`postgres-admin.ts`). The commands are written once
 * against this interface.
 */

/** One map as `list` shows it. */
export interface MapSummary {
  readonly id: string;
  /** The title written at the map's last compaction; '' when it never compacted (see `documentOf`). */
  readonly title: string;
  /** Bytes of its stored document: snapshot plus updates. */
  readonly bytes: number;
  /** When it last changed as far as storage knows (ms since the epoch): its last compaction, else its creation. */
  readonly changedAt: number;
  readonly createdAt: number;
}

/** What `stats` shows of either store. */
interface CommonStats {
  readonly maps: number;
  readonly updateRows: number;
  readonly snapshotRows: number;
  /** Versions in the maps' history (SV-V1). */
  readonly versionRows: number;
  /** Bytes of every stored document (snapshots plus updates). */
  readonly documentBytes: number;
  /** The layout version of the store (SV-S9 for SQLite, SV-G4 for PostgreSQL). */
  readonly layout: number;
}

/** `stats` of an SQLite data directory. */
export interface SqliteStats extends CommonStats {
  readonly storage: 'sqlite';
  /** Sizes of the database file and its WAL. */
  readonly fileBytes: number;
  readonly walBytes: number;
  /** Pages SQLite has free in the file (reused before the file grows). */
  readonly freePages: number;
  readonly pageSize: number;
}

/** `stats` of a PostgreSQL database. */
export interface PostgresStats extends CommonStats {
  readonly storage: 'postgres';
  /** Host, port and database name (never the user or password). */
  readonly database: string;
  /** `pg_database_size`: the whole database on disk, tables of other applications included. */
  readonly databaseBytes: number;
  /** `pg_total_relation_size` of each Ketenkaart table: its rows, TOAST and indexes, dead rows until vacuumed. */
  readonly tableBytes: {
    readonly maps: number;
    readonly updates: number;
    readonly snapshots: number;
    readonly versions: number;
  };
}

export type StoreStats = SqliteStats | PostgresStats;

/** An opened store for the admin commands. Close it when done. */
export interface AdminReader {
  /** Where the maps are, for messages: the SQLite file, or PostgreSQL's host, port and database. */
  readonly where: string;
  /** Every map, the most recently changed first (ties by id). */
  list(): Promise<MapSummary[]>;
  /** Totals over the whole store. */
  stats(): Promise<StoreStats>;
  /** The stored document of a map (snapshot, then the updates after it), or undefined when there is no such map. */
  documentOf(id: string): Promise<Uint8Array[] | undefined>;
  /** Deletes a map's rows for good in one transaction (SV-O1); false when there was no such map. */
  delete(id: string): Promise<boolean>;
  close(): Promise<void>;
}
