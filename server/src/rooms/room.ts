/**
 * One map in memory (rules SV-P2, SV-P3, SV-S2-S5, SV-L2, SV-L10, SV-D1): its document, peers
 * and awareness, and the task queue through which every change to it runs.
 */
import { CLOSE_CODES } from '@ketenkaart/shared';
import type { ServerConfig } from '../config.js';
import { logStorageFailure } from '../logger.js';
import { RefusedUpdate, type Change, type DocState } from '../document/doc-state.js';
import type { DocWorker } from '../document/doc-worker.js';
import type { PreparedLoad, PreparedState } from '../document/prepared.js';
import { decodeUpdateOrRefuse, type DecodedUpdate } from '../document/update-check.js';
import { CloseError, RoomFailedError, type ServerCloseCode } from '../errors.js';
import { timed, type Metrics } from '../metrics.js';
import { SeqCompactedError, type SeqUpdate, type Storage, type StoredDocument } from '../storage/types.js';
import type { AppendBatch } from './append-batch.js';
import { AppliedSeqs } from './applied-seqs.js';
import { AwarenessRelay } from './awareness-relay.js';
import { closeForRefusal } from './refusal.js';
import { decodeStored } from './room-load.js';
import { StoreChain } from './store-chain.js';
import type { Fanout } from './fanout.js';
import { syncStep1, syncUpdate } from './messages.js';
import type { Peer } from './peer.js';

/** What a room needs from the server. */
export interface RoomDeps {
  readonly storage: Storage;
  /** Where accepted updates are stored (group commit). */
  readonly appends: AppendBatch;
  /** The thread that does compaction's Y.Doc work. */
  readonly docWorker: DocWorker;
  readonly metrics: Metrics;
  readonly config: ServerConfig;
  /** SV-W4: decodes a stored document on a worker thread; null when it must be done here. */
  readonly prepareLoad?: (updates: readonly Uint8Array[]) => Promise<PreparedLoad | null>;
  /** Called once when the room's storage failed; the registry drops the room. */
  readonly onFailed: (room: Room) => void;
  /**
   * Called before each change is committed, with the document's parts as they are (the daily
   * snapshot, SV-V2). Must return at once; the parts are immutable and may be kept.
   */
  readonly beforeChange?: (mapId: string, before: () => readonly Uint8Array[]) => void;
  /** SV-N1: the other instances (with `REDIS_URL`); none with one instance. */
  readonly fanout?: Fanout | undefined;
}

/**
 * A map in memory: its document (as update bytes, `DocState`), its awareness relay, its peers and
 * a serial task queue. Every task that reads or writes the document runs through `run`, one at
 * a time. An accepted update is in the document at once, so the next frame can build on it,
 * but nothing of it leaves the room before it is stored: its broadcast, and any sync reply
 * sent after it, wait in `#stored` for its group commit (rules SV-S2, SV-S4).
 */
export class Room {
  /** The document; undefined until loaded. */
  #state: DocState | undefined;
  readonly #peers = new Set<Peer>();
  /** Who is here and their cursors, relayed between the peers (SV-P5, SV-A5-A7). */
  readonly awareness: AwarenessRelay;
  /** HTTP requests and connections holding the room in memory. */
  holders = 0;
  #status: 'loading' | 'ready' | 'failed' | 'deleted' | 'destroyed' = 'loading';
  #queue: Promise<void>;
  /** The stored updates the document holds (SV-N3): compaction folds in only those up to the watermark. */
  #applied: AppliedSeqs;
  #bytes = 0;
  #sinceCompaction = { updates: 0, bytes: 0 };
  /** When an update was last stored (ms since the epoch); 0 until one is. Written at compaction (SV-O3). */
  #changedAt = 0;
  /** Broadcasts and replies waiting for the updates accepted before them to be stored. */
  readonly #stored = new StoreChain();
  #compactionQueued = false;

  constructor(
    readonly id: string,
    private readonly deps: RoomDeps,
  ) {
    const fanout = deps.fanout;
    this.awareness = new AwarenessRelay(
      this.#peers,
      deps.config.maxAwarenessBytes,
      deps.metrics,
      Date.now,
      fanout ? (update) => fanout.awareness(this, update) : undefined,
    );
    this.#applied = new AppliedSeqs(fanout !== undefined);
    this.#queue = this.#load();
  }

  get ready(): boolean {
    return this.#status === 'ready';
  }

  /** The document (call inside `run`). */
  get document(): DocState {
    if (!this.#state) throw new RoomFailedError(`room ${this.id} is ${this.#status}`);
    return this.#state;
  }

  /** The server's metrics (the dispatcher counts refused writes). */
  get metrics(): Metrics {
    return this.deps.metrics;
  }

  /** Peers in the room. */
  get peerCount(): number {
    return this.#peers.size;
  }

  /** Adds a peer: from now on it receives every broadcast (it is greeted once the room is loaded). */
  join(peer: Peer): void {
    this.#peers.add(peer);
  }

  /** Removes a peer; its awareness state is removed and the removal relayed (SV-A7). */
  leave(peer: Peer): void {
    this.#peers.delete(peer);
    if (this.ready) this.awareness.drop(peer);
  }

  /** Closes every peer's socket with `code` (a rotated link, SV-A4; a failed room, SV-S5). */
  closeAll(code: ServerCloseCode, reason: string): void {
    for (const p of [...this.#peers]) p.close(code, reason);
  }

  /**
   * SV-N5: closes with 4401 every peer admitted with a token whose hash is no longer the map's
   * (a rotation this instance learnt of from storage, not from the other instance).
   */
  closeRotated(current: { readonly editTokenHash: string; readonly viewTokenHash: string }): void {
    for (const p of [...this.#peers]) {
      const hash = p.role === 'editor' ? current.editTokenHash : current.viewTokenHash;
      if (p.tokenHash && p.tokenHash !== hash) p.close(CLOSE_CODES.unauthorized, 'link rotated');
    }
  }

  /** Runs `task` after every earlier task; rejects with RoomFailedError if the room failed. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#queue.then(() => {
      if (this.#status !== 'ready') throw new RoomFailedError(`room ${this.id} is ${this.#status}`);
      return task();
    });
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Sends a joining peer the server's SyncStep1 and the current awareness states (SV-P2). */
  greet(peer: Peer): void {
    peer.send(syncStep1(this.document.stateVector));
    this.awareness.sendAllTo(peer);
  }

  /**
   * Takes an editor's (or the server's own) update through SV-P3/SV-P8 into the document, and queues
   * it to be stored and then broadcast to every connection including the sender (so the echo
   * means "stored"). Call inside `run`. A refused update throws (a CloseError) and changes
   * nothing. The returned promise settles once the update is stored and broadcast; it rejects
   * with RoomFailedError if storing failed (the room has then failed, SV-S5).
   */
  applyUpdate(update: Uint8Array, decoded: DecodedUpdate = decodeUpdateOrRefuse(update)): Promise<void> {
    this.#checkSize(update);
    let change: Change;
    try {
      change = this.document.change(update, decoded, this.deps.config.maxFrameBytes);
    } catch (e) {
      if (!(e instanceof RefusedUpdate)) throw e;
      throw closeForRefusal(e, this.deps.metrics);
    }
    return this.#take(change);
  }

  /**
   * SV-W4: applies an update the server built on a copy of document version `version` in a worker
   * thread (a replacement, a layout), with the state the copy reached, so that this thread builds
   * no Y.Doc for it. Should the document have changed since, it is applied like any update.
   */
  applyPrepared(update: Uint8Array, state: PreparedState, version: number): Promise<void> {
    const change = this.document.changePrepared(update, state, version);
    if (!change) return this.applyUpdate(update);
    this.#checkSize(update);
    return this.#take(change);
  }

  /** The highest seq through which the document holds every stored update (SV-N3). */
  get appliedThrough(): number {
    return this.#applied.watermark;
  }

  /** The document holds a stored update past one it lacks (SV-N2): read the missing ones from storage. */
  get hasGap(): boolean {
    return this.#applied.hasGap;
  }

  /**
   * SV-N1: an update another instance stored with `seq`, taken into the document the way an
   * editor's is (SV-P3, SV-P8) and broadcast to every peer here; not stored again. One the room
   * holds already is skipped. Call inside `run`. Should the document be unable to take it (what it
   * waits for exceeds SV-L10), the room reloads what storage holds.
   */
  async applyStored(update: Uint8Array, seq: number): Promise<void> {
    if (this.#applied.has(seq)) return;
    if (!this.#takeStored(update)) return this.#reload();
    this.#applied.mark(seq);
    // SV-G3: the backend hears of it too, so its own guard lets compaction cover it.
    this.deps.storage.noteApplied?.(this.id, [seq]);
  }

  /**
   * SV-N2: reads the stored updates past the watermark (another instance's that the channel lost
   * or has not delivered yet) and applies them; when a compaction already folded them into the
   * snapshot, the whole stored document. Storage is read outside the task queue (the room's
   * frames do not wait for it); the updates are applied as a task. Call outside `run`. Resolves
   * with how many stored updates it applied that the room lacked (a whole document counts as one);
   * rejects when storage cannot be read (the room stays as it is; the next catch-up tries again).
   */
  async catchUp(): Promise<number> {
    if (!this.ready) await this.run(() => undefined);
    let updates: readonly SeqUpdate[];
    try {
      updates = await this.deps.storage.loadUpdatesAfter(this.id, this.#applied.watermark);
    } catch (e) {
      if (!(e instanceof SeqCompactedError)) throw e;
      const stored = await this.deps.storage.loadDocument(this.id);
      await this.run(() => this.#applyDocument(stored));
      return 1;
    }
    if (updates.length === 0) return 0;
    return this.run(async () => {
      let lacked = 0;
      for (const u of updates) {
        if (this.#applied.has(u.seq)) continue;
        lacked++;
        await this.applyStored(u.update, u.seq);
      }
      return lacked;
    });
  }

  /** Applies everything storage holds of the map: the snapshot and the updates after it. Call inside `run`. */
  async #reload(): Promise<void> {
    this.#applyDocument(await this.deps.storage.loadDocument(this.id));
  }

  #applyDocument(stored: StoredDocument): void {
    for (const u of stored.updates) this.#takeStored(u);
    this.#applied.markThrough(stored.lastSeq);
  }

  /** Applies a stored update and broadcasts what it changed; false when the document could not take it. */
  #takeStored(update: Uint8Array): boolean {
    let change: Change;
    try {
      // Stored updates were checked when they were accepted; what they wait for may be held up to the document's limit.
      change = this.document.change(update, decodeUpdateOrRefuse(update), this.deps.config.maxDocumentBytes);
    } catch (e) {
      this.deps.config.logger.warn(
        { room: this.id, reason: e instanceof Error ? e.message : String(e) },
        'a stored update could not be applied',
      );
      return false;
    }
    change.commit();
    const stored = change.stored;
    if (!stored) return true;
    this.#count(stored);
    // Stored already, and built on nothing this instance has not stored (the other instance had
    // only what was published, which is stored): sent at once, ahead of local updates still
    // being stored.
    const message = syncUpdate(stored);
    for (const p of this.#peers) p.send(message);
    this.deps.metrics.updatesOut.inc(this.#peers.size);
    return true;
  }

  #count(stored: Uint8Array): void {
    this.#bytes += stored.byteLength;
    this.#sinceCompaction.updates++;
    this.#sinceCompaction.bytes += stored.byteLength;
  }

  /** SV-L2: a document may not grow past its limit. */
  #checkSize(update: Uint8Array): void {
    if (this.#bytes + update.byteLength > this.deps.config.maxDocumentBytes) {
      this.deps.metrics.rejectedWrites.inc({ reason: 'document-too-large' });
      throw new CloseError(CLOSE_CODES.documentTooLarge, 'document too large');
    }
  }

  /** Commits an accepted change, stores it and broadcasts it once stored. */
  #take(change: Change): Promise<void> {
    if (change.stored) this.deps.beforeChange?.(this.id, () => this.document.parts());
    change.commit();
    const stored = change.stored;
    if (!stored) return Promise.resolve();
    this.#count(stored);
    const appended = this.deps.appends.append(this.id, stored);
    appended.catch(() => {}); // handled below, in order
    const message = syncUpdate(stored);
    const done = this.#stored.then(async () => {
      let seq: number;
      try {
        seq = await appended;
        this.#changedAt = Date.now();
      } catch (e) {
        this.fail(e);
        throw new RoomFailedError('append failed');
      }
      this.#applied.mark(seq);
      this.deps.metrics.updatesIn.inc();
      for (const p of this.#peers) p.send(message);
      this.deps.metrics.updatesOut.inc(this.#peers.size);
      this.deps.fanout?.stored(this, seq, stored);
    });
    if (
      !this.#compactionQueued &&
      (this.#sinceCompaction.updates >= this.deps.config.compactAfterUpdates ||
        this.#sinceCompaction.bytes >= this.deps.config.compactAfterBytes)
    ) {
      this.#compactionQueued = true;
      this.run(() => this.compact()).catch(() => {});
    }
    return done;
  }

  /**
   * Runs `send` once every update accepted so far is stored, after the broadcasts of those
   * updates (at once when nothing is waiting); never if storing one of them failed. For
   * anything that carries document content to a client (SV-S2). Settles when `send` has run.
   */
  afterStored(send: () => void | Promise<void>): Promise<void> {
    return this.#stored.afterAll(send);
  }

  /** Settles once every update accepted so far is stored; rejects with RoomFailedError if one failed. */
  whenStored(): Promise<void> {
    return this.#stored.done.catch(() => {
      throw new RoomFailedError(`room ${this.id} could not store an update`);
    });
  }

  /**
   * Merges the stored log into one snapshot, deleted content collected, and holds that
   * snapshot as the document from then on (rule SV-S3). Call inside `run`.
   */
  async compact(): Promise<void> {
    this.#compactionQueued = false;
    await this.whenStored();
    if (this.#sinceCompaction.updates === 0) return;
    // SV-N3: never past an update of another instance that the document lacks.
    const throughSeq = this.#applied.watermark;
    const metrics = this.deps.metrics;
    const end = metrics.compactionSeconds.startTimer();
    const { snapshot, title, commit } = await this.document.compactionBy(this.deps.docWorker);
    const about = { title, changedAt: this.#changedAt };
    try {
      await timed(metrics, 'compact', () => this.deps.storage.compact(this.id, snapshot, throughSeq, about));
    } catch (e) {
      metrics.compactions.inc({ outcome: 'failed' });
      this.fail(e);
      throw new RoomFailedError('compaction failed');
    }
    end();
    metrics.compactions.inc({ outcome: 'done' });
    metrics.compactionBytes.observe(snapshot.byteLength);
    commit();
    this.#bytes = snapshot.byteLength;
    this.#sinceCompaction = { updates: 0, bytes: 0 };
  }

  /**
   * SV-O1: the map was deleted. Call inside `run`, after its rows are gone: no later task runs,
   * and every socket is closed with 4410.
   */
  markDeleted(): void {
    this.#status = 'deleted';
    this.closeAll(CLOSE_CODES.mapDeleted, 'map deleted');
  }

  /** Closes every socket with 4500 and hands the room back to the registry (rule SV-S5). */
  fail(error: unknown): void {
    if (this.#status !== 'loading' && this.#status !== 'ready') return;
    this.#status = 'failed';
    logStorageFailure(this.deps.config.logger, 'room', error, { room: this.id });
    this.closeAll(CLOSE_CODES.storageError, 'storage error');
    this.deps.onFailed(this);
  }

  /** Releases the document and awareness. The room must not be used afterwards. */
  destroy(): void {
    if (this.#status === 'destroyed') return;
    this.#status = 'destroyed';
    this.awareness.destroy();
    this.#state = undefined;
  }

  /** Resolves when every queued task has finished and every accepted update is stored (or failed). */
  async idle(): Promise<void> {
    await this.#queue;
    await this.#stored.done.catch(() => {});
  }

  /** Loads the document from storage (SV-S4); any error fails the room (never an empty doc, SV-S5). */
  async #load(): Promise<void> {
    try {
      const stored = await timed(this.deps.metrics, 'load', () => this.deps.storage.loadDocument(this.id));
      this.#state = await decodeStored(stored.updates, stored.bytes, this.deps.prepareLoad);
      this.#applied = new AppliedSeqs(this.deps.fanout !== undefined, stored.lastSeq);
      this.#bytes = stored.bytes;
      this.#sinceCompaction = { updates: stored.updates.length > 1 ? stored.updates.length : 0, bytes: 0 };
      if (this.#status === 'loading') this.#status = 'ready';
    } catch (e) {
      this.fail(e);
    }
  }
}
