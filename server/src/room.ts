import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { CLOSE_CODES } from '@ketenkaart/shared';
import type { ServerConfig } from './config.js';
import type { Connection } from './connection.js';
import { CloseError, RoomFailedError } from './errors.js';
import { awarenessMessage, syncStep1, syncUpdate } from './messages.js';
import { timed, type Metrics } from './metrics.js';
import type { Storage } from './storage/types.js';

/** What a room needs from the server. */
export interface RoomDeps {
  readonly storage: Storage;
  readonly metrics: Metrics;
  readonly config: ServerConfig;
  /** Called once when the room's storage failed; the registry drops the room. */
  readonly onFailed: (room: Room) => void;
}

/**
 * One map in memory: its Y.Doc, awareness, connections and a serial task queue.
 * Every task that reads or writes the doc runs through `run`, one at a time, so the doc
 * never holds anything that is not yet stored (rules S2, S4).
 */
export class Room {
  doc: Y.Doc;
  readonly awareness: Awareness;
  readonly connections = new Set<Connection>();
  /** HTTP requests and connections holding the room in memory. */
  holders = 0;
  #state: 'loading' | 'ready' | 'failed' | 'destroyed' = 'loading';
  #queue: Promise<void>;
  #lastSeq = 0;
  #bytes = 0;
  #sinceCompaction = { updates: 0, bytes: 0 };
  #captured: Uint8Array[] = [];

  constructor(
    readonly id: string,
    private readonly deps: RoomDeps,
  ) {
    this.doc = this.#newDoc();
    this.awareness = new Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.#queue = this.#load();
  }

  get ready(): boolean {
    return this.#state === 'ready';
  }

  /** The server's metrics (the dispatcher counts refused writes). */
  get metrics(): Metrics {
    return this.deps.metrics;
  }

  /** Stored bytes of the document (snapshot plus appended updates). */
  get storedBytes(): number {
    return this.#bytes;
  }

  /** Runs `task` after every earlier task; rejects with RoomFailedError if the room failed. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#queue.then(() => {
      if (this.#state !== 'ready') throw new RoomFailedError(`room ${this.id} is ${this.#state}`);
      return task();
    });
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Sends a joining connection the server's SyncStep1 and the current awareness states (P2). */
  greet(conn: Connection): void {
    conn.send(syncStep1(Y.encodeStateVector(this.doc)));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) {
      conn.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  /**
   * Applies an editor's (or the server's own) update: apply, store what actually changed,
   * then broadcast it to every connection including the sender (so the echo means "stored").
   * Call inside `run`. A throwing apply leaves the doc as stored: it is reloaded.
   */
  async applyUpdate(update: Uint8Array, origin: unknown): Promise<void> {
    if (this.#bytes + update.byteLength > this.deps.config.maxDocumentBytes) {
      this.deps.metrics.rejectedWrites.inc({ reason: 'document-too-large' });
      throw new CloseError(CLOSE_CODES.documentTooLarge, 'document too large');
    }
    this.#captured = [];
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch {
      this.deps.metrics.rejectedWrites.inc({ reason: 'malformed' });
      if (this.#captured.length > 0) {
        // Partly applied: put the doc back to what is stored (nothing was stored or sent).
        try {
          await this.#reloadDoc();
        } catch (e) {
          this.fail(e);
          throw new RoomFailedError('reload failed');
        }
      }
      throw new CloseError(CLOSE_CODES.badMessage, 'update could not be applied');
    }
    const changes = this.#captured;
    this.#captured = [];
    if (changes.length === 0) return;
    const stored = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    await this.#store(stored);
    this.deps.metrics.updatesIn.inc();
    const message = syncUpdate(stored);
    for (const c of this.connections) c.send(message);
    this.deps.metrics.updatesOut.inc(this.connections.size);
    if (
      this.#sinceCompaction.updates >= this.deps.config.compactAfterUpdates ||
      this.#sinceCompaction.bytes >= this.deps.config.compactAfterBytes
    ) {
      await this.compact();
    }
  }

  /** Merges the stored log into one snapshot (rule S3). Call inside `run`. */
  async compact(): Promise<void> {
    if (this.#sinceCompaction.updates === 0) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      await timed(this.deps.metrics, 'compact', () => this.deps.storage.compact(this.id, snapshot, this.#lastSeq));
    } catch (e) {
      this.fail(e);
      throw new RoomFailedError('compaction failed');
    }
    this.#bytes = snapshot.byteLength;
    this.#sinceCompaction = { updates: 0, bytes: 0 };
  }

  /** Closes every socket with 4500 and hands the room back to the registry (rule S5). */
  fail(error: unknown): void {
    if (this.#state === 'failed' || this.#state === 'destroyed') return;
    this.#state = 'failed';
    this.deps.config.log(`room ${this.id}: storage failed: ${String(error)}`);
    for (const c of this.connections) c.close(CLOSE_CODES.storageError, 'storage error');
    this.deps.onFailed(this);
  }

  /** Releases the doc and awareness. The room must not be used afterwards. */
  destroy(): void {
    if (this.#state === 'destroyed') return;
    this.#state = 'destroyed';
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Resolves when every queued task has finished. */
  idle(): Promise<void> {
    return this.#queue;
  }

  #newDoc(): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    doc.on('update', (u: Uint8Array) => this.#captured.push(u));
    return doc;
  }

  async #store(update: Uint8Array): Promise<void> {
    try {
      this.#lastSeq = await timed(this.deps.metrics, 'append', () => this.deps.storage.appendUpdate(this.id, update));
    } catch (e) {
      this.fail(e);
      throw new RoomFailedError('append failed');
    }
    this.#bytes += update.byteLength;
    this.#sinceCompaction.updates++;
    this.#sinceCompaction.bytes += update.byteLength;
  }

  async #load(): Promise<void> {
    try {
      await this.#reloadDoc();
      this.#state = 'ready';
    } catch (e) {
      this.fail(e);
    }
  }

  /** Builds the doc from storage; throws (never serves an empty doc) if that fails. */
  async #reloadDoc(): Promise<void> {
    const stored = await timed(this.deps.metrics, 'load', () => this.deps.storage.loadDocument(this.id));
    const doc = this.#newDoc();
    doc.transact(() => {
      for (const u of stored.updates) Y.applyUpdate(doc, u);
    });
    this.#captured = [];
    const old = this.doc;
    this.doc = doc;
    old.destroy();
    this.#lastSeq = stored.lastSeq;
    this.#bytes = stored.bytes;
    this.#sinceCompaction = { updates: stored.updates.length > 1 ? stored.updates.length : 0, bytes: 0 };
  }
}
