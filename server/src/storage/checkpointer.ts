/** SQLite's WAL checkpoints in a worker thread with its own connection (rule SV-S10). */
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../threads/module-worker.js';
import type { CheckpointInput } from './checkpoint-worker.js';

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

/**
 * Runs SQLite's WAL checkpoints in a worker thread with its own connection (rule SV-S10), so the
 * main thread, which appends and broadcasts, never waits for the checkpoint's copy and fsync.
 * The main connection keeps a high `wal_autocheckpoint` as a backstop should this thread fail.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(dbFile: string, policy: CheckpointPolicy, onError: (message: string) => void) {
    const input: CheckpointInput = { dbFile, policy };
    this.#worker = moduleWorker(import.meta.url, 'checkpoint-worker', input);
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
