/**
 * SQLite in a thread of its own (rule SV-S13): the server's default store. Every call is sent to
 * the storage thread (`sqlite-thread-worker.ts`) and answered from there, so that the thread that
 * holds the rooms never waits for a write: SQLite writing a large update, or the file system
 * holding a `write` while it commits its journal (seen: 280 ms for a 1.5 MB append while the
 * checkpoint thread synced the database file).
 */
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../threads/module-worker.js';
import type { SqliteReadiness } from './sqlite.js';
import type { StorageThreadInput } from './sqlite-thread-worker.js';
import { fromWire, type Message, type Method } from './thread-wire.js';
import type { Append, MapAbout, MapRecord, SeqUpdate, SnapshotRecord, Storage, StoredDocument } from './types.js';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class ThreadedSqliteStorage implements Storage {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** Why the thread no longer answers; every later call fails with it. */
  #stopped: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /**
   * Opens the database in `dataDir` in a new storage thread. Rejects with the error opening it
   * gave (a corrupt file, a layout from a newer server), as `new SqliteStorage` throws it.
   */
  static open(
    dataDir: string,
    log: (line: string) => void = () => {},
    readiness: SqliteReadiness = {},
  ): Promise<ThreadedSqliteStorage> {
    const input: StorageThreadInput = { dataDir, readiness };
    const worker = moduleWorker(import.meta.url, 'sqlite-thread-worker', input);
    const storage = new ThreadedSqliteStorage(worker);
    return new Promise((resolve, reject) => {
      let opened = false;
      worker.on('message', (m: Message) => {
        if (m.kind === 'ready') {
          opened = true;
          resolve(storage);
        } else if (m.kind === 'failed') {
          void worker.terminate();
          reject(fromWire(m.error));
        } else if (m.kind === 'log') log(m.line);
        else storage.#answer(m);
      });
      worker.on('error', (e) => {
        if (!opened) reject(e);
        storage.#stop(new Error(`the storage thread failed: ${e.message}`));
      });
      worker.on('exit', (code) => {
        if (!opened) reject(new Error(`the storage thread exited with code ${code} before it opened`));
        storage.#stop(new Error('the storage is closed'));
      });
    });
  }

  #answer(m: Extract<Message, { kind: 'result' | 'error' }>): void {
    const pending = this.#pending.get(m.id);
    if (!pending) return;
    this.#pending.delete(m.id);
    if (m.kind === 'result') pending.resolve(m.value);
    else pending.reject(fromWire(m.error));
  }

  #stop(reason: Error): void {
    this.#stopped ??= reason;
    for (const p of this.#pending.values()) p.reject(this.#stopped);
    this.#pending.clear();
  }

  #call<T>(method: Method, ...args: readonly unknown[]): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // Bytes are copied, not handed over: the caller may still hold them (a broadcast frame).
      this.#worker.postMessage({ id, method, args });
    });
  }

  createMap(record: MapRecord, initial?: readonly Uint8Array[]): Promise<void> {
    return this.#call('createMap', record, initial);
  }

  getMap(id: string): Promise<MapRecord | undefined> {
    return this.#call('getMap', id);
  }

  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void> {
    return this.#call('setTokenHashes', id, editTokenHash, viewTokenHash);
  }

  loadDocument(id: string): Promise<StoredDocument> {
    return this.#call('loadDocument', id);
  }

  loadUpdatesAfter(id: string, afterSeq: number): Promise<SeqUpdate[]> {
    return this.#call('loadUpdatesAfter', id, afterSeq);
  }

  appendUpdates(appends: readonly Append[]): Promise<number[]> {
    // Only what is stored: a batch's entries carry their callers' callbacks too.
    return this.#call(
      'appendUpdates',
      appends.map((a) => ({ id: a.id, update: a.update })),
    );
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number, about?: MapAbout): Promise<void> {
    return this.#call('compact', id, snapshot, throughSeq, about);
  }

  deleteMap(id: string): Promise<boolean> {
    return this.#call('deleteMap', id);
  }

  countMaps(): Promise<number> {
    return this.#call('countMaps');
  }

  addSnapshot(record: SnapshotRecord, content: Uint8Array): Promise<void> {
    return this.#call('addSnapshot', record, content);
  }

  listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    return this.#call('listSnapshots', mapId);
  }

  getSnapshot(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    return this.#call('getSnapshot', mapId, id);
  }

  deleteSnapshots(mapId: string, ids: readonly string[]): Promise<number> {
    return this.#call('deleteSnapshots', mapId, ids);
  }

  deleteSnapshotsOf(mapId: string): Promise<void> {
    return this.#call('deleteSnapshotsOf', mapId);
  }

  check(): Promise<void> {
    return this.#call('check');
  }

  /** Closes the database (its last checkpoint included) and ends the thread; later calls fail. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    await this.#call('close');
    this.#stop(new Error('the storage is closed'));
    await this.#worker.terminate();
  }
}
