/**
 * The PostgreSQL storage backend (rules SV-G1-G6): the same contract as SQLite, shared by every
 * server instance that points at the database. Sequence numbers come from the database
 * (`maps.last_seq`, raised in the append's own statement or transaction), so two instances
 * appending to one map never collide; compactions of a map are serialised by an advisory lock and
 * delete only the rows their snapshot covers.
 */
import type pg from 'pg';
import { MAP_ROWS } from './map-rows.js';
import { insertMap, type MapImport } from './postgres-import.js';
import { createPool, type PostgresOptions } from './postgres-pool.js';
import { PgVersionTable } from './postgres-versions.js';
import { SeenSeqs } from './seen-seqs.js';
import { COMPACTION_LOCK, expectLayout, migrate } from './postgres-schema.js';
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

interface MapRow {
  id: string;
  edit_token_hash: string;
  view_token_hash: string;
  created_at: number;
}

/** One row of a map's stored document: kind 0 is the map's last seq, 1 the snapshot, 2 an update. */
interface DocRow {
  kind: number;
  seq: number;
  data: Buffer | null;
}

/**
 * The map's record, snapshot and updates after `afterSeq` (or after the snapshot when null) in one
 * statement, so one MVCC snapshot of the database: a compaction or append by another instance
 * commits wholly before or wholly after it.
 */
const DOCUMENT = `
SELECT 0 AS kind, last_seq AS seq, NULL::bytea AS data FROM maps WHERE id = $1
UNION ALL SELECT 1, through_seq, CASE WHEN $2::bigint IS NULL THEN data END FROM snapshots WHERE map_id = $1
UNION ALL SELECT 2, seq, data FROM updates
  WHERE map_id = $1 AND seq > coalesce($2::bigint, (SELECT through_seq FROM snapshots WHERE map_id = $1), 0)
ORDER BY kind, seq`;

/** One map's appends in one statement: raise `last_seq` by their number, insert them after the old value. */
const APPEND_ONE_MAP = `
WITH s AS (UPDATE maps SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq - $2 AS base)
INSERT INTO updates (map_id, seq, data)
SELECT $1, s.base + u.k, u.data FROM s, unnest($3::bytea[]) WITH ORDINALITY AS u(data, k)
RETURNING seq`;

const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** PostgreSQL storage (rule SV-G3). Open with `PostgresStorage.open`, which migrates the layout first. */
export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #versions: PgVersionTable;
  /** What this instance has handed out per map, so a compaction never runs past a gap (SV-G3). */
  readonly #seen = new SeenSeqs();
  #closed = false;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#versions = new PgVersionTable(pool);
  }

  /** Connects, creates or migrates the layout (SV-G4) and returns the storage; rejects when the database cannot be reached. */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    const pool = createPool(options);
    try {
      const client = await pool.connect();
      try {
        const found = await migrate(client);
        const now = (await client.query<{ v: number }>('SELECT max(version) AS v FROM ketenkaart_schema')).rows[0]!.v;
        if (found !== now) options.log?.(`postgres: migrated the layout from ${found} to ${now}`);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
    return new PostgresStorage(pool);
  }

  /**
   * The storage over `pool` (from `createPool`) once its database is found to hold this server's
   * layout, creating and migrating nothing: the admin command line (SV-O24), which must not turn a
   * wrong database into a Ketenkaart one. Rejects with one sentence naming `where`; `close()` ends
   * the pool, which the caller may query meanwhile.
   */
  static async existing(pool: pg.Pool, where: string): Promise<PostgresStorage> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      // Node reports a refused connection to several addresses as an AggregateError without a message.
      const reason = e instanceof Error ? e.message || (e as { code?: string }).code || e.name : String(e);
      throw new Error(`cannot reach PostgreSQL at ${where}: ${reason}`, { cause: e });
    }
    try {
      await expectLayout(client, where);
    } finally {
      client.release();
    }
    return new PostgresStorage(pool);
  }

  #ensureOpen(): void {
    if (this.#closed) throw new Error('storage is closed');
  }

  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.#ensureOpen();
    const client = await this.#pool.connect();
    let broken = false;
    // A checked-out connection has no pool listener: a connection lost between two statements
    // would be an unheard 'error' event (the end of the process). The next statement fails instead.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      // A connection whose rollback failed is in an unknown state: closed, not reused.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /** In one transaction whatever the parts: the writing happens in PostgreSQL, not on this thread. */
  async createMap(record: MapRecord, initial: readonly Uint8Array[] = []): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        'INSERT INTO maps (id, edit_token_hash, view_token_hash, created_at, changed_at, last_seq) VALUES ($1, $2, $3, $4, $4, $5)',
        [record.id, record.editTokenHash, record.viewTokenHash, record.createdAt, initial.length],
      );
      for (const [i, part] of initial.entries()) {
        await client.query('INSERT INTO updates (map_id, seq, data) VALUES ($1, $2, $3)', [record.id, i + 1, part]);
      }
    });
    this.#seen.loaded(record.id, initial.length);
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    this.#ensureOpen();
    const { rows } = await this.#pool.query<MapRow>(
      'SELECT id, edit_token_hash, view_token_hash, created_at FROM maps WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          editTokenHash: row.edit_token_hash,
          viewTokenHash: row.view_token_hash,
          createdAt: row.created_at,
        }
      : undefined;
  }

  async setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void> {
    this.#ensureOpen();
    const result = await this.#pool.query('UPDATE maps SET edit_token_hash = $1, view_token_hash = $2 WHERE id = $3', [
      editTokenHash,
      viewTokenHash,
      id,
    ]);
    if (result.rowCount !== 1) throw new Error(`no map ${id}`);
  }

  async #documentRows(
    id: string,
    afterSeq: number | null,
  ): Promise<{ lastSeq: number; snapshot?: DocRow; updates: DocRow[] }> {
    this.#ensureOpen();
    const { rows } = await this.#pool.query<DocRow>(DOCUMENT, [id, afterSeq]);
    const head = rows[0];
    if (head?.kind !== 0) throw new Error(`no map ${id}`);
    const snapshot = rows[1]?.kind === 1 ? rows[1] : undefined;
    return { lastSeq: head.seq, ...(snapshot ? { snapshot } : {}), updates: rows.filter((r) => r.kind === 2) };
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    const { lastSeq, snapshot, updates: rows } = await this.#documentRows(id, null);
    this.#seen.loaded(id, lastSeq);
    const updates = [...(snapshot ? [snapshot] : []), ...rows].map((r) => bytesOf(r.data!));
    return { updates, lastSeq, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
  }

  async loadUpdatesAfter(id: string, afterSeq: number): Promise<SeqUpdate[]> {
    const { snapshot, updates } = await this.#documentRows(id, afterSeq);
    if (snapshot && afterSeq < snapshot.seq) throw new SeqCompactedError(id, afterSeq, snapshot.seq);
    // Every row after afterSeq is read: known, if everything through afterSeq was.
    if ((this.#seen.contiguous(id) ?? -1) >= afterSeq)
      this.#seen.add(
        id,
        updates.map((r) => r.seq),
      );
    return updates.map((r) => ({ seq: r.seq, update: bytesOf(r.data!) }));
  }

  /** SV-G3: seqs another instance stored that the caller applied from a published message. */
  noteApplied(id: string, seqs: readonly number[]): void {
    this.#seen.add(id, seqs);
  }

  /**
   * SV-S2, SV-G1: one map's updates are one statement (its own transaction); several maps' are
   * one transaction that first locks their rows in id order, so two instances whose batches
   * share maps wait for each other instead of deadlocking.
   */
  async appendUpdates(appends: readonly Append[]): Promise<number[]> {
    this.#ensureOpen();
    if (appends.length === 0) return [];
    const byMap = new Map<string, number[]>();
    appends.forEach((a, i) => {
      const list = byMap.get(a.id);
      if (list) list.push(i);
      else byMap.set(a.id, [i]);
    });
    if (byMap.size === 1) {
      const id = appends[0]!.id;
      const { rows } = await this.#pool.query<{ seq: number }>(APPEND_ONE_MAP, [
        id,
        appends.length,
        appends.map((a) => a.update),
      ]);
      if (rows.length !== appends.length) throw new Error(`no map ${id}`);
      const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
      this.#seen.add(id, seqs);
      return seqs;
    }
    const seqs = await this.#transaction(async (client) => {
      const ids = [...byMap.keys()].sort();
      const locked = await client.query('SELECT id FROM maps WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [ids]);
      if (locked.rowCount !== ids.length) throw new Error('an append names a map that does not exist');
      const raised = await client.query<{ id: string; base: number }>(
        'UPDATE maps m SET last_seq = m.last_seq + c.n FROM unnest($1::text[], $2::bigint[]) AS c(id, n) ' +
          'WHERE m.id = c.id RETURNING m.id, m.last_seq - c.n AS base',
        [ids, ids.map((id) => byMap.get(id)!.length)],
      );
      const seqs = new Array<number>(appends.length);
      for (const { id, base } of raised.rows) byMap.get(id)!.forEach((index, k) => (seqs[index] = base + k + 1));
      await client.query(
        'INSERT INTO updates (map_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])',
        [appends.map((a) => a.id), seqs, appends.map((a) => a.update)],
      );
      return seqs;
    });
    for (const [id, indexes] of byMap)
      this.#seen.add(
        id,
        indexes.map((i) => seqs[i]!),
      );
    return seqs;
  }

  /**
   * SV-G3: under the map's advisory lock (one compaction of a map at a time, over all instances),
   * the snapshot replaces the stored one only when it covers more (`throughSeq` above the stored
   * `through_seq`: another instance may have compacted further meanwhile), and only rows with
   * `seq <= throughSeq` are deleted, so rows another instance appended after it stay; and
   * `throughSeq` is first lowered to the first gap in what this instance handed out (`SeenSeqs`).
   */
  async compact(id: string, snapshot: Uint8Array, requestedSeq: number, about?: MapAbout): Promise<void> {
    // Not past an update this instance never handed out: the snapshot cannot hold it (SV-G3).
    // The rows after the bound stay; loading applies them again, which changes nothing.
    const throughSeq = Math.min(requestedSeq, this.#seen.contiguous(id) ?? requestedSeq);
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK, id]);
      const head = await client.query<{ last_seq: number; through: number | null }>(
        'SELECT last_seq, (SELECT through_seq FROM snapshots WHERE map_id = $1) AS through FROM maps WHERE id = $1',
        [id],
      );
      const row = head.rows[0];
      if (!row) throw new Error(`no map ${id}`);
      if (requestedSeq > row.last_seq) {
        throw new Error(`map ${id}: cannot compact through ${requestedSeq}, its last seq is ${row.last_seq}`);
      }
      if (row.through === null || throughSeq > row.through) {
        await client.query(
          'INSERT INTO snapshots (map_id, through_seq, data) VALUES ($1, $2, $3) ' +
            'ON CONFLICT (map_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data',
          [id, throughSeq, snapshot],
        );
        await client.query('DELETE FROM updates WHERE map_id = $1 AND seq <= $2', [id, throughSeq]);
      }
      if (about) {
        await client.query('UPDATE maps SET title = $1, changed_at = greatest(changed_at, $2) WHERE id = $3', [
          about.title,
          about.changedAt,
          id,
        ]);
      }
    });
  }

  /** SV-G7: stores a whole map, rows and seqs as given, in one transaction; throws if the id exists. */
  async importMap(map: MapImport): Promise<void> {
    await this.#transaction((client) => insertMap(client, map));
  }

  /** Every map id, in id order (the copy's verification, SV-G7). */
  async mapIds(): Promise<string[]> {
    this.#ensureOpen();
    const { rows } = await this.#pool.query<{ id: string }>('SELECT id FROM maps ORDER BY id COLLATE "C"');
    return rows.map((r) => r.id);
  }

  /** SV-O1: every row of the map in one transaction, its record last. */
  async deleteMap(id: string): Promise<boolean> {
    this.#seen.forget(id);
    return this.#transaction(async (client) => {
      for (const [table, column] of MAP_ROWS) await client.query(`DELETE FROM ${table} WHERE ${column} = $1`, [id]);
      const gone = await client.query('DELETE FROM maps WHERE id = $1', [id]);
      return gone.rowCount === 1;
    });
  }

  async countMaps(): Promise<number> {
    this.#ensureOpen();
    const { rows } = await this.#pool.query<{ n: number }>('SELECT count(*) AS n FROM maps');
    return rows[0]!.n;
  }

  addSnapshot(record: SnapshotRecord, content: Uint8Array): Promise<void> {
    this.#ensureOpen();
    return this.#versions.add(record, content);
  }

  listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    this.#ensureOpen();
    return this.#versions.list(mapId);
  }

  getSnapshot(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    this.#ensureOpen();
    return this.#versions.get(mapId, id);
  }

  deleteSnapshots(mapId: string, ids: readonly string[]): Promise<number> {
    this.#ensureOpen();
    return this.#versions.remove(mapId, ids);
  }

  deleteSnapshotsOf(mapId: string): Promise<void> {
    this.#ensureOpen();
    return this.#versions.removeAll(mapId);
  }

  /** Readiness (SV-H10): a read and a committed one-row write, in one statement. */
  async check(): Promise<void> {
    this.#ensureOpen();
    await this.#pool.query(
      'WITH r AS (SELECT count(*) FROM (SELECT 1 FROM maps LIMIT 1) AS one) ' +
        'INSERT INTO health (id, checked_at) SELECT 1, $1 FROM r ' +
        'ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      [Date.now()],
    );
  }

  /** Waits for the queries in flight, then closes every connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
