/**
 * The SQLite backend's thread (rules SV-S10, SV-S13): its own connection runs the WAL's
 * checkpoints and the large writes, so the thread that holds the rooms never waits for a
 * checkpoint's copy and fsync, nor for megabytes written to the WAL.
 */
import type * as Fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** When the thread copies the write-ahead log into the database file. */
export interface CheckpointPolicy {
  /** How often the WAL's size is looked at. */
  readonly intervalMs: number;
  /** A checkpoint runs once the WAL file is at least this large. */
  readonly minWalBytes: number;
  /** The main connection's `wal_autocheckpoint` (pages): the backstop should this thread fail. */
  readonly backstopPages: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = {
  intervalMs: 250,
  minWalBytes: 4 * 1024 * 1024,
  backstopPages: 100_000,
};

/** One statement of a write: its SQL and its parameters. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly (string | number | null | Uint8Array)[];
}

/** A write: statements run in one transaction; `secureDelete` zeroes the pages they free (SV-O1). */
export interface Write {
  readonly statements: readonly Statement[];
  readonly secureDelete?: boolean;
}

interface WorkerInput {
  readonly sqliteModule: string;
  readonly dbFile: string;
  readonly policy: CheckpointPolicy;
  readonly cacheKib: number;
}

type ToWorker = { readonly type: 'write'; readonly n: number; readonly write: Write } | { readonly type: 'stop' };
type FromWorker =
  | { readonly type: 'written'; readonly n: number; readonly changes: number[] }
  | { readonly type: 'failed'; readonly n: number; readonly message: string; readonly code?: string }
  | { readonly type: 'error'; readonly message: string };

/**
 * The worker's whole program. It runs in its own thread from source text (`eval`), so it
 * imports nothing and takes everything it needs from `workerData`; this way the same code
 * runs from the compiled server, under tsx and under vitest.
 */
function sqliteWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs as CommonJS source text */
  const threads = require('node:worker_threads') as typeof WorkerThreads;
  const { statSync } = require('node:fs') as typeof Fs;
  const { parentPort } = threads;
  const input = threads.workerData as WorkerInput;
  const Database = require(input.sqliteModule) as typeof BetterSqlite3;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Database(input.dbFile);
  // Per connection: as the main one (a commit without fsync; a compaction's freed pages cached).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${input.cacheKib}`);
  db.pragma('busy_timeout = 5000');
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string): BetterSqlite3.Statement => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const write = db.transaction((w: Write) => w.statements.map((s) => statement(s.sql).run(...s.params).changes));
  /** The WAL's size and last change, when it is there. */
  const wal = (): string => {
    try {
      const st = statSync(`${input.dbFile}-wal`);
      return st.size < input.policy.minWalBytes ? '' : `${st.size}:${st.mtimeMs}`;
    } catch {
      return '';
    }
  };
  // The WAL as it was when a checkpoint last copied all of it: the file keeps its size after a
  // checkpoint, so without this a WAL past the threshold would be checkpointed every look.
  let copied = '';
  const timer = setInterval(() => {
    const now = wal();
    if (now === '' || now === copied) return;
    try {
      // PASSIVE never blocks the writer on the main thread; what it cannot copy now it copies next time.
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      copied = result && result.busy === 0 && result.log === result.checkpointed ? now : '';
    } catch (e) {
      parentPort?.postMessage({ type: 'error', message: String(e) } satisfies FromWorker);
    }
  }, input.policy.intervalMs);
  parentPort?.on('message', (m: ToWorker) => {
    if (m.type === 'write') {
      try {
        if (m.write.secureDelete) db.pragma('secure_delete = ON');
        const changes = write(m.write);
        parentPort.postMessage({ type: 'written', n: m.n, changes } satisfies FromWorker);
      } catch (e) {
        const error = e as { message?: string; code?: string };
        parentPort.postMessage({
          type: 'failed',
          n: m.n,
          message: String(error.message ?? e),
          ...(typeof error.code === 'string' ? { code: error.code } : {}),
        } satisfies FromWorker);
      } finally {
        if (m.write.secureDelete) db.pragma('secure_delete = OFF');
      }
      return;
    }
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}

/** Makes the write on another connection, as the thread would (should the thread be gone). */
export function writeHere(db: BetterSqlite3.Database, write: Write): number[] {
  if (write.secureDelete) db.pragma('secure_delete = ON');
  try {
    return db.transaction(() => write.statements.map((st) => db.prepare(st.sql).run(...st.params).changes))();
  } finally {
    if (write.secureDelete) db.pragma('secure_delete = OFF');
  }
}

/** A write the thread refused or could not do, with SQLite's code (`SQLITE_FULL`, ...). */
export class ThreadWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ThreadWriteError';
  }
}

/**
 * Runs SQLite's WAL checkpoints (rule SV-S10) and the writes handed to it (SV-S13) in a worker
 * thread with its own connection. The main connection keeps a high `wal_autocheckpoint` as a
 * backstop should this thread fail; a write handed to a thread that has stopped fails.
 */
export class SqliteThread {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  readonly #waiting = new Map<number, { resolve: (changes: number[]) => void; reject: (e: Error) => void }>();
  #next = 0;
  #gone: string | null = null;

  constructor(dbFile: string, policy: CheckpointPolicy, cacheKib: number, onError: (message: string) => void) {
    const input: WorkerInput = {
      sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'),
      dbFile,
      policy,
      cacheKib,
    };
    this.#worker = new Worker(`(${sqliteWorker.toString()})()`, { eval: true, workerData: input });
    this.#worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') return onError(m.message);
      const waiting = this.#waiting.get(m.n);
      this.#waiting.delete(m.n);
      if (this.#waiting.size === 0) this.#worker.unref();
      if (m.type === 'written') waiting?.resolve(m.changes);
      else waiting?.reject(new ThreadWriteError(m.message, m.code));
    });
    this.#worker.on('error', (e) => onError(`storage thread stopped: ${String(e)}`));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', () => {
        this.#gone ??= 'the storage thread has stopped';
        for (const w of this.#waiting.values()) w.reject(new Error(this.#gone));
        this.#waiting.clear();
        resolve();
      }),
    );
    // The server may exit without closing storage (tests, crashes): never keep it alive idle.
    this.#worker.unref();
  }

  /** Runs the write in one transaction in the thread; each statement's count of changed rows. */
  write(write: Write): Promise<number[]> {
    if (this.#gone) return Promise.reject(new Error(this.#gone));
    const n = ++this.#next;
    // A write under way keeps the process alive until it is committed.
    this.#worker.ref();
    return new Promise((resolve, reject) => {
      this.#waiting.set(n, { resolve, reject });
      this.#worker.postMessage({ type: 'write', n, write: compact(write) } satisfies ToWorker);
    });
  }

  /** Stops the thread after the write or checkpoint in progress, and waits for it. */
  async stop(): Promise<void> {
    // Held open until the thread has closed its connection, or the process could exit first.
    this.#worker.ref();
    this.#gone ??= 'the storage is closed';
    this.#worker.postMessage({ type: 'stop' } satisfies ToWorker);
    await this.#exited;
  }
}

/**
 * The write with each byte parameter that is a small view of a large buffer (an update cut from
 * the frame it came in) copied out: a message copies a view's whole buffer.
 */
function compact(write: Write): Write {
  const own = (p: Statement['params'][number]): Statement['params'][number] =>
    p instanceof Uint8Array && p.buffer.byteLength > 2 * p.byteLength ? p.slice() : p;
  return { ...write, statements: write.statements.map((st) => ({ sql: st.sql, params: st.params.map(own) })) };
}
