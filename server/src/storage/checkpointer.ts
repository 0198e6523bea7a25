/** SQLite's WAL checkpoints in a worker thread with its own connection (rule SV-S10). */
import type * as Fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** When the checkpointer copies the write-ahead log into the database file. */
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

interface WorkerInput {
  readonly sqliteModule: string;
  readonly dbFile: string;
  readonly policy: CheckpointPolicy;
}

/**
 * The worker's whole program. It runs in its own thread from source text (`eval`), so it
 * imports nothing and takes everything it needs from `workerData`; this way the same code
 * runs from the compiled server, under tsx and under vitest.
 */
function checkpointWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs as CommonJS source text */
  const threads = require('node:worker_threads') as typeof WorkerThreads;
  const { statSync } = require('node:fs') as typeof Fs;
  const { parentPort } = threads;
  const input = threads.workerData as WorkerInput;
  const Database = require(input.sqliteModule) as typeof BetterSqlite3;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Database(input.dbFile);
  db.pragma('busy_timeout = 1000');
  const walSize = (): number => {
    try {
      return statSync(`${input.dbFile}-wal`).size;
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => {
    if (walSize() < input.policy.minWalBytes) return;
    try {
      // PASSIVE never blocks the writer on the main thread; what it cannot copy now it copies next time.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      parentPort?.postMessage({ type: 'error', message: String(e) });
    }
  }, input.policy.intervalMs);
  parentPort?.on('message', (m: unknown) => {
    if (m !== 'stop') return;
    clearInterval(timer);
    db.close();
    parentPort?.close();
  });
}

/**
 * Runs SQLite's WAL checkpoints in a worker thread with its own connection (rule SV-S10), so the
 * main thread, which appends and broadcasts, never waits for the checkpoint's copy and fsync.
 * The main connection keeps a high `wal_autocheckpoint` as a backstop should this thread fail.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(dbFile: string, policy: CheckpointPolicy, onError: (message: string) => void) {
    const input: WorkerInput = {
      sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'),
      dbFile,
      policy,
    };
    this.#worker = new Worker(`(${checkpointWorker.toString()})()`, { eval: true, workerData: input });
    this.#worker.on('message', (m: { type?: string; message?: string }) => {
      if (m.type === 'error') onError(m.message ?? 'checkpoint failed');
    });
    this.#worker.on('error', (e) => onError(`checkpointer stopped: ${String(e)}`));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    // The server may exit without closing storage (tests, crashes): never keep it alive.
    this.#worker.unref();
  }

  /** Stops the thread after any checkpoint in progress, and waits for it. */
  async stop(): Promise<void> {
    // Held open until the thread has closed its connection, or the process could exit first.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await this.#exited;
  }
}
