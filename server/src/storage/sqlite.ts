/** The SQLite storage backend: appends, compaction, readiness (rules SV-S1-S3, SV-S10-S13, SV-H10); its layout is in `sqlite-schema.ts`. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { attempt } from './attempt.js';
import { DATABASE_FILE } from './backup.js';
import { CallQueue } from './sqlite-queue.js';
import { ReadinessProbe, type SqliteReadiness } from './sqlite-readiness.js';
import {
  appendsWrite,
  bytesOf,
  compactionWrite,
  deletionWrite,
  DELETE_UPDATES,
  INSERT_MAP,
  INSERT_UPDATE,
  mapParams,
  newMapWrite,
  PUT_SNAPSHOT,
  SET_ABOUT,
  THREAD_WRITE_BYTES,
} from './sqlite-writes.js';
import { HEALTH_TABLE, prepareSchema } from './sqlite-schema.js';
import { VersionTable } from './sqlite-versions.js';
import {
  DEFAULT_CHECKPOINT_POLICY,
  SqliteThread,
  ThreadWriteError,
  writeHere,
  type CheckpointPolicy,
  type Write,
} from './sqlite-thread.js';
import {
  SeqCompactedError,
  type Append,
  type MapAbout,
  type MapRecord,
  type SeqUpdate,
  type SnapshotRecord,
  type Storage,
  type StoredDocument,
} from './types.js';

/** Maps whose last seq is kept in memory. */
const LAST_SEQ_CACHE = 10_000;
/** The main connection's page cache at most (SV-S11): room for what a 20,000-step map's replacement writes and frees. */
const PAGE_CACHE_KIB = 64 * 1024;

interface MapRow {
  id: string;
  edit_token_hash: string;
  view_token_hash: string;
  created_at: number;
}

/**
 * SQLite storage (rule SV-S1): one database file `ketenkaart.db` in the data directory, WAL
 * journal, `synchronous = NORMAL` (a committed append survives a crash of the process;
 * after a power loss the last transactions may be lost, never a corrupt file).
 * better-sqlite3 is synchronous, so a call on this thread completes (an append is committed)
 * before its promise is returned. The server groups the appends of one turn of the event loop
 * into one `appendUpdates` call (`rooms/append-batch.ts`, SV-S2); a room does not wait for its
 * commit before taking its next frame, only its broadcasts do. Small writes run on this thread
 * (a writer thread's wake-ups would cost more CPU than grouping the commits saves); checkpoints,
 * large writes and deletions run in a thread of their own (SV-S10, SV-S13), and every call made
 * while one is under way there waits its turn behind it.
 */
export class SqliteStorage implements Storage {
  readonly #db: Database.Database;
  readonly #insertMap: Database.Statement<[string, string, string, number, number]>;
  readonly #getMap: Database.Statement<[string], MapRow>;
  readonly #setTokens: Database.Statement<[string, string, string]>;
  readonly #getSnapshot: Database.Statement<[string], { through_seq: number; data: Buffer }>;
  readonly #getUpdates: Database.Statement<[string, number], { seq: number; data: Buffer }>;
  readonly #nextSeq: Database.Statement<[{ id: string }], { seq: number }>;
  readonly #insertUpdate: Database.Statement<[string, number, Uint8Array]>;
  /** The last seq of maps appended to or loaded lately, so an append is one plain INSERT. */
  readonly #lastSeqs = new Map<string, number>();
  readonly #putSnapshot: Database.Statement<[string, number, Uint8Array]>;
  readonly #deleteUpdates: Database.Statement<[string, number]>;
  readonly #create: (record: MapRecord, initial: readonly Uint8Array[]) => void;
  readonly #compact: (id: string, snapshot: Uint8Array, throughSeq: number, about: MapAbout | undefined) => void;
  readonly #appendAll: (appends: readonly Append[]) => number[];
  readonly #thread: SqliteThread;
  readonly #log: (line: string) => void;
  /** Calls in order behind the writes in the thread (SV-S13). */
  readonly #calls = new CallQueue();
  readonly #countMaps: Database.Statement<[], { n: number }>;
  /** A map's history (rule SV-V1). */
  readonly #versions: VersionTable;
  readonly #readiness: ReadinessProbe;

  /**
   * Opens (creating if needed) `<dataDir>/ketenkaart.db`. `log` hears of checkpoint errors
   * (the backstop checkpoint on the main connection still runs).
   */
  constructor(
    dataDir: string,
    policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
    log: (line: string) => void = () => {},
    readiness: SqliteReadiness = {},
  ) {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DATABASE_FILE);
    this.#db = new Database(file);
    // Takes effect only in a new, empty file (SV-S9); an existing file keeps its page size.
    this.#db.pragma('page_size = 1024');
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // SV-S10: checkpoints run in a worker thread; this is only the backstop. SQLite runs it only
    // after a statement that commits and runs to completion, which an INSERT ... RETURNING as
    // better-sqlite3 runs it is not, so appends are plain INSERTs.
    this.#db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(policy.backstopPages))}`);
    this.#db.pragma('foreign_keys = ON');
    // SV-S11: a compaction frees the overflow pages of the updates it folds in, and SQLite reads
    // each one to follow the chain; with the default 2 MiB cache a large map's compaction read
    // them all back through the file system.
    this.#db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    prepareSchema(this.#db, dataDir, log);
    this.#db.exec(HEALTH_TABLE);
    this.#log = log;
    this.#insertMap = this.#db.prepare(INSERT_MAP);
    this.#getMap = this.#db.prepare('SELECT * FROM maps WHERE id = ?');
    this.#setTokens = this.#db.prepare('UPDATE maps SET edit_token_hash = ?, view_token_hash = ? WHERE id = ?');
    this.#getSnapshot = this.#db.prepare('SELECT through_seq, data FROM snapshots WHERE map_id = ?');
    this.#getUpdates = this.#db.prepare('SELECT seq, data FROM updates WHERE map_id = ? AND seq > ? ORDER BY seq');
    // The next seq of a map follows both its last row and its snapshot, so it keeps increasing
    // after a compaction deleted every row.
    this.#nextSeq = this.#db.prepare(
      'SELECT 1 + max(coalesce((SELECT max(seq) FROM updates WHERE map_id = @id), 0), ' +
        'coalesce((SELECT through_seq FROM snapshots WHERE map_id = @id), 0)) AS seq',
    );
    this.#insertUpdate = this.#db.prepare(INSERT_UPDATE);
    this.#putSnapshot = this.#db.prepare(PUT_SNAPSHOT);
    this.#deleteUpdates = this.#db.prepare(DELETE_UPDATES);
    this.#create = this.#db.transaction((record: MapRecord, initial: readonly Uint8Array[]) => {
      this.#insertMap.run(...mapParams(record));
      for (const part of initial) this.#append(record.id, part);
    });
    this.#appendAll = this.#db.transaction((appends: readonly Append[]) =>
      appends.map((a) => this.#append(a.id, a.update)),
    );
    // SV-O3: the title and the last change ride on the compaction's transaction, so keeping them
    // costs no write of its own (an append never touches the maps table).
    const setAbout = this.#db.prepare<[string, number, string]>(SET_ABOUT);
    this.#compact = this.#db.transaction(
      (id: string, snapshot: Uint8Array, throughSeq: number, about: MapAbout | undefined) => {
        this.#putSnapshot.run(id, throughSeq, snapshot);
        this.#deleteUpdates.run(id, throughSeq);
        if (about) setAbout.run(about.title, about.changedAt, id);
      },
    );
    this.#countMaps = this.#db.prepare('SELECT count(*) AS n FROM maps');
    this.#versions = new VersionTable(this.#db);
    this.#readiness = new ReadinessProbe(this.#db, dataDir, file, readiness);
    this.#thread = new SqliteThread(file, policy, PAGE_CACHE_KIB, (message) => log(`sqlite: ${message}`));
  }

  /**
   * Hands a write to the thread (SV-S13). Should the thread be gone, it is written here instead
   * (a refusal by SQLite, such as a full disk, fails as it would here).
   */
  async #inThread(write: Write): Promise<number[]> {
    try {
      return await this.#thread.write(write);
    } catch (e) {
      if (e instanceof ThreadWriteError || !this.#db.open) throw e;
      this.#log(`sqlite: writing on the main thread: ${(e as Error).message}`);
      return writeHere(this.#db, write);
    }
  }

  /**
   * SV-S12, SV-S13: the record and every part in one transaction; in the thread when the parts
   * hold THREAD_WRITE_BYTES or more (5.6 MB for a 20,000-step map held this thread some 40 ms).
   */
  createMap(record: MapRecord, initial: readonly Uint8Array[] = []): Promise<void> {
    if (bytesOf(initial) < THREAD_WRITE_BYTES) {
      return this.#calls.now(() => {
        try {
          this.#create(record, initial);
        } catch (e) {
          // Rolled back: the seqs remembered for its parts are ahead of its rows.
          this.#lastSeqs.delete(record.id);
          throw e;
        }
      });
    }
    return this.#calls.queue(async () => {
      await this.#inThread(newMapWrite(record, initial));
      this.#rememberSeq(record.id, initial.length);
    });
  }

  getMap(id: string): Promise<MapRecord | undefined> {
    return this.#calls.now(() => {
      const row = this.#getMap.get(id);
      return row
        ? {
            id: row.id,
            editTokenHash: row.edit_token_hash,
            viewTokenHash: row.view_token_hash,
            createdAt: row.created_at,
          }
        : undefined;
    });
  }

  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void> {
    return this.#calls.now(() => {
      const result = this.#setTokens.run(editTokenHash, viewTokenHash, id);
      if (result.changes !== 1) throw new Error(`no map ${id}`);
    });
  }

  loadDocument(id: string): Promise<StoredDocument> {
    return this.#calls.now(() => {
      if (!this.#getMap.get(id)) throw new Error(`no map ${id}`);
      const snapshot = this.#getSnapshot.get(id);
      const after = snapshot?.through_seq ?? 0;
      const rows = this.#getUpdates.all(id, after);
      this.#rememberSeq(id, rows.at(-1)?.seq ?? after);
      const updates = [...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)].map(
        (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      );
      return {
        updates,
        lastSeq: rows.at(-1)?.seq ?? after,
        bytes: updates.reduce((n, u) => n + u.byteLength, 0),
      };
    });
  }

  loadUpdatesAfter(id: string, afterSeq: number): Promise<SeqUpdate[]> {
    return this.#calls.now(() => {
      // One read transaction, so a compaction cannot fall between the snapshot and the rows.
      return this.#db.transaction(() => {
        if (!this.#getMap.get(id)) throw new Error(`no map ${id}`);
        const through = this.#getSnapshot.get(id)?.through_seq ?? 0;
        if (afterSeq < through) throw new SeqCompactedError(id, afterSeq, through);
        return this.#getUpdates
          .all(id, afterSeq)
          .map((r) => ({ seq: r.seq, update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) }));
      })();
    });
  }

  appendUpdates(appends: readonly Append[]): Promise<number[]> {
    if (bytesOf(appends.map((a) => a.update)) >= THREAD_WRITE_BYTES) {
      return this.#calls.queue(async () => {
        const seqs: number[] = [];
        for (const a of appends) {
          seqs.push(this.#seqAfterLast(a.id));
          this.#rememberSeq(a.id, seqs.at(-1)!);
        }
        try {
          await this.#inThread(appendsWrite(appends, seqs));
        } catch (e) {
          // Rolled back: the seqs remembered for these maps are ahead of their rows now.
          for (const a of appends) this.#lastSeqs.delete(a.id);
          throw e;
        }
        return seqs;
      });
    }
    return this.#calls.now(() => {
      // One row needs no BEGIN and COMMIT of its own.
      if (appends.length === 1) return [this.#append(appends[0]!.id, appends[0]!.update)];
      try {
        return this.#appendAll(appends);
      } catch (e) {
        // Rolled back: the seqs remembered for these maps are ahead of their rows now.
        for (const a of appends) this.#lastSeqs.delete(a.id);
        throw e;
      }
    });
  }

  /**
   * Inserts the map's next update row. The seq comes from memory when the map was loaded or
   * appended to lately; should another writer have taken it, the primary key refuses the row.
   */
  #append(id: string, data: Uint8Array): number {
    const seq = this.#seqAfterLast(id);
    this.#insertUpdate.run(id, seq, data);
    this.#rememberSeq(id, seq);
    return seq;
  }

  /** The map's next seq: from memory, or from its rows and snapshot. */
  #seqAfterLast(id: string): number {
    return (this.#lastSeqs.get(id) ?? this.#nextSeq.get({ id })!.seq - 1) + 1;
  }

  #rememberSeq(id: string, seq: number): void {
    // Bounded: forgetting costs one query on the map's next append.
    if (this.#lastSeqs.size >= LAST_SEQ_CACHE && !this.#lastSeqs.has(id)) this.#lastSeqs.clear();
    this.#lastSeqs.set(id, seq);
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number, about?: MapAbout): Promise<void> {
    if (snapshot.byteLength < THREAD_WRITE_BYTES) {
      return this.#calls.now(() => this.#compact(id, snapshot, throughSeq, about));
    }
    return this.#calls.queue(async () => {
      await this.#inThread(compactionWrite(id, snapshot, throughSeq, about));
    });
  }

  /**
   * SV-O1: deletes every row of the map in one transaction, with `secure_delete` on so that the
   * freed pages are overwritten with zeros rather than left readable in the file (the old page
   * images stay in the WAL until it is checkpointed and reused). In the thread (SV-S13): zeroing
   * a large map's pages writes as many bytes as the map holds.
   */
  deleteMap(id: string): Promise<boolean> {
    return this.#calls.queue(async () => {
      try {
        const changes = await this.#inThread(deletionWrite(id));
        return changes.at(-1) === 1;
      } finally {
        this.#lastSeqs.delete(id);
      }
    });
  }

  countMaps(): Promise<number> {
    return this.#calls.now(() => this.#countMaps.get()!.n);
  }

  addSnapshot(record: SnapshotRecord, content: Uint8Array): Promise<void> {
    if (content.byteLength < THREAD_WRITE_BYTES) return this.#calls.now(() => this.#versions.add(record, content));
    return this.#calls.queue(async () => {
      await this.#inThread({ statements: [VersionTable.insertStatement(record, content)] });
    });
  }

  listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    return this.#calls.now(() => this.#versions.list(mapId));
  }

  getSnapshot(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    return this.#calls.now(() => this.#versions.get(mapId, id));
  }

  deleteSnapshots(mapId: string, ids: readonly string[]): Promise<number> {
    return this.#calls.now(() => this.#versions.remove(mapId, ids));
  }

  deleteSnapshotsOf(mapId: string): Promise<void> {
    return this.#calls.now(() => this.#versions.removeAll(mapId));
  }

  /** Readiness (rule SV-H10, `sqlite-readiness.ts`). */
  async check(): Promise<void> {
    await this.#readiness.checkFile();
    await this.#calls.now(() => this.#readiness.checkWrite());
  }

  async close(): Promise<void> {
    await this.#calls.drained();
    await this.#thread.stop();
    // The last connection to close checkpoints the whole WAL and removes it.
    return attempt(() => {
      if (this.#db.open) this.#db.close();
    });
  }
}
