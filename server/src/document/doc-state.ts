/**
 * A room's document held as update bytes instead of a live Y.Doc, which takes many times the
 * memory (rules SV-P9, SV-P2-P4, SV-P8, SV-R2, SV-S3, SV-D1). A temporary Y.Doc is built only
 * where one is really needed (export, replacing the content, compaction, and the rare updates with
 * missing dependencies or deletions only a Y.Doc can judge) and destroyed right after.
 */
import * as Y from 'yjs';
import { DeleteRanges, type DeleteSetLike } from './delete-ranges.js';
import { titleOf, type Compacted, type DocWorker } from './doc-worker.js';
import { NOTHING_HELD, applyWithHeld, unblockedBy, type HeldPending } from './held-pending.js';
import { EMPTY_UPDATE, MergedUpdates, mergeInChunks } from './merged-updates.js';
import { prepareLoad, stateVectorOfPairs, type PreparedLoad, type PreparedState } from './prepared.js';
import type { DecodedUpdate } from './update-check.js';
import { StructDepths, depthsInDoc, type DepthRuns } from './struct-depth.js';
import { stateAfter } from './update-deps.js';

/** Why an update was refused; the document is unchanged. */
export class RefusedUpdate extends Error {
  override readonly name = 'RefusedUpdate';
  constructor(readonly reason: 'malformed' | 'held-back-overflow' | 'too-deep') {
    super(reason);
  }
}

/** An accepted update's effect, computed but not made: store `stored` (if any), then `commit`. */
export interface Change {
  /** What to store and broadcast; null when the document does not change. */
  readonly stored: Uint8Array | null;
  readonly commit: () => void;
}

const NO_CHANGE: Change = { stored: null, commit: () => {} };

/** A compacted snapshot (SV-S3), and the commit that makes it the document. */
export interface Compaction {
  readonly snapshot: Uint8Array;
  /** The map's title in the compacted document. */
  readonly title: string;
  readonly commit: () => void;
}

/** The document: its bytes, state vector, deleted ranges, struct depths and what is held back. */
export class DocState {
  readonly #bytes: MergedUpdates;
  /** How deep each struct sits (SV-D1). */
  #depths: StructDepths;
  #sv: Map<number, number>;
  #encodedSv: Uint8Array | undefined;
  /** Deleted ranges: at least every deleted struct; exactly them when `#deletesExact`. */
  #deletes: DeleteRanges;
  #deletesExact: boolean;
  #held: HeldPending;
  #version = 0;

  private constructor(
    merged: Uint8Array,
    sv: Map<number, number>,
    deletes: { ranges: DeleteRanges; exact: boolean },
    held: HeldPending,
    depths: StructDepths,
  ) {
    this.#bytes = new MergedUpdates(merged);
    this.#depths = depths;
    this.#sv = sv;
    this.#deletes = deletes.ranges;
    this.#deletesExact = deletes.exact;
    this.#held = held;
  }

  /** The document of these stored updates (snapshot first). Throws if they cannot be read (SV-S4). */
  static load(updates: readonly Uint8Array[]): DocState {
    const prepared = prepareLoad(updates);
    if (prepared) return DocState.fromPrepared(prepared);
    // Gaps, or deletions of missing structs (this server never stores them): a Y.Doc sorts them out.
    const doc = new Y.Doc({ gc: true });
    try {
      const { emitted, held } = applyWithHeld(doc, NOTHING_HELD, mergeInChunks(updates));
      const deletes = { ranges: DeleteRanges.ofDoc(doc), exact: true };
      return new DocState(emitted ?? EMPTY_UPDATE, stateVectorOf(doc), deletes, held, StructDepths.ofDoc(doc));
    } finally {
      doc.destroy();
    }
  }

  /** SV-W4: the document of a load prepared on a worker thread (`prepareLoad`). */
  static fromPrepared({ merged, state }: PreparedLoad): DocState {
    return new DocState(
      merged,
      stateVectorOfPairs(state.sv),
      { ranges: DeleteRanges.ofTriples(state.deletes), exact: state.deletesExact },
      NOTHING_HELD,
      StructDepths.ofRuns(state.depths),
    );
  }

  /** Counts the changes committed: a change prepared elsewhere applies only to the version it was built on. */
  get version(): number {
    return this.#version;
  }

  /** The encoded state vector (the server's SyncStep1). */
  get stateVector(): Uint8Array {
    return (this.#encodedSv ??= Y.encodeStateVector(this.#sv));
  }

  /** Bytes the struct depths take (SV-D1). */
  get depthBytes(): number {
    return this.#depths.bytes;
  }

  /** Bytes held back (SV-P8). */
  get heldBytes(): number {
    return this.#held.bytes;
  }

  /** The whole document as one update v1. */
  update(): Uint8Array {
    return this.#bytes.whole;
  }

  /** SV-P2: what a client with this encoded state vector lacks. Throws on a malformed one. */
  diff(encodedSv: Uint8Array): Uint8Array {
    const theirs = Y.decodeStateVector(encodedSv);
    const all = this.#bytes.whole;
    for (const [client, clock] of theirs) if (clock > 0 && this.#sv.has(client)) return Y.diffUpdate(all, encodedSv);
    return all;
  }

  /** The document as the updates it is held in (oldest first), for a worker thread to build a Y.Doc from. */
  parts(): readonly Uint8Array[] {
    return this.#bytes.parts();
  }

  /** Runs `task` on a temporary Y.Doc of the document, destroyed afterwards. */
  withDoc<T>(task: (doc: Y.Doc) => T): T {
    const doc = new Y.Doc({ gc: true });
    try {
      this.#bytes.applyTo(doc);
      return task(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * SV-R2: whether applying `decoded` would change the document: a struct past the state vector,
   * or a deletion of something not deleted (or not there).
   */
  addsContent(decoded: DecodedUpdate): boolean {
    for (const s of decoded.structs) {
      if (s instanceof Y.Skip) continue;
      if (s.id.clock + s.length > (this.#sv.get(s.id.client) ?? 0)) return true;
    }
    const covered = this.#covers(decoded.ds);
    if (covered !== 'unsure') return !covered;
    // Deletions a Y.Doc makes on its own (a lost concurrent map write, an item in a deleted
    // parent) are in no update's delete set: only a Y.Doc knows them. Learn them once.
    this.#deletes = this.withDoc((doc) => DeleteRanges.ofDoc(doc));
    this.#deletesExact = true;
    return this.#covers(decoded.ds) !== true;
  }

  /**
   * SV-P3, SV-P8: the effect of an editor's update (decoded whole, SV-P4). Nothing changes until
   * `commit`. Throws RefusedUpdate if a Y.Doc could not apply it ('malformed'), if what is
   * held back would grow past `maxHeldBytes` ('held-back-overflow', SV-L10) or if it would put a
   * struct deeper than the model nests ('too-deep', SV-D1).
   */
  change(update: Uint8Array, decoded: DecodedUpdate, maxHeldBytes: number): Change {
    // A Y.Doc retries what it holds back on every update once a clock it waits for is here.
    const retryNow = unblockedBy(this.#held, this.#sv);
    if (!retryNow && !this.addsContent(decoded)) return NO_CHANGE;
    const after = stateAfter(update, decoded, this.#sv);
    if (retryNow || !after || unblockedBy(this.#held, after.clocks)) {
      return this.#changeThroughDoc(update, maxHeldBytes);
    }
    const depths = this.#depths.check(decoded, this.#sv);
    if (!depths.ok && depths.why === 'too-deep') throw new RefusedUpdate('too-deep');
    if (!depths.ok) return this.#changeThroughDoc(update, maxHeldBytes);
    // Fast path: everything it needs is here. Keep only what is new (and its delete set); an
    // update that is all new (the usual live edit) is kept as it came, copied out of the
    // socket's read buffer (which a view would keep alive).
    const stored = after.allNew ? update.slice() : Y.diffUpdate(update, this.stateVector);
    return {
      stored,
      commit: () => {
        this.#version++;
        this.#deletes.addDeletedStructs(decoded.structs, this.#sv);
        for (const [client, ranges] of decoded.ds.clients) {
          for (const r of ranges) this.#deletes.add(client, r.clock, r.len);
        }
        this.#deletesExact = false;
        for (const [client, clock] of after.clocks) this.#sv.set(client, clock);
        this.#encodedSv = undefined;
        this.#depths.add(depths.runs);
        this.#bytes.append(stored);
      },
    };
  }

  /**
   * SV-W4: the effect of `update`, built on a copy of version `version` of this document on a
   * worker thread, with the state that copy reached (`stateAfterChange`). Null when the document
   * is no longer that version or holds something back (the copy knew nothing of it): the caller
   * then takes `change`.
   */
  changePrepared(update: Uint8Array, state: PreparedState, version: number): Change | null {
    if (version !== this.#version || this.#held.bytes > 0) return null;
    return {
      stored: update,
      commit: () => {
        this.#sv = stateVectorOfPairs(state.sv);
        this.#encodedSv = undefined;
        this.#deletes = DeleteRanges.ofTriples(state.deletes);
        this.#deletesExact = state.deletesExact;
        this.#depths.add(state.depths);
        this.#bytes.append(update);
        this.#version++;
      },
    };
  }

  /** SV-S3: the compacted document (deleted content collected) and the commit that adopts it. */
  compaction(): Compaction {
    return this.withDoc((doc) => this.#compaction(Y.encodeStateAsUpdate(doc), DeleteRanges.ofDoc(doc), titleOf(doc)));
  }

  /**
   * SV-S3 with the Y.Doc work done by `worker` on its thread; on this thread should it fail. The
   * document must not change until the result is committed (the room's queue is held).
   */
  async compactionBy(worker: DocWorker): Promise<Compaction> {
    let done: Compacted;
    try {
      done = await worker.compact(this.#bytes.parts());
    } catch {
      return this.compaction();
    }
    return this.#compaction(done.snapshot, DeleteRanges.ofTriples(done.deletes), done.title);
  }

  #compaction(snapshot: Uint8Array, deletes: DeleteRanges, title: string): Compaction {
    return {
      snapshot,
      title,
      commit: () => {
        this.#version++;
        this.#bytes.replace(snapshot);
        this.#deletes = deletes;
        this.#deletesExact = true;
        // Collected structs keep their depth until the depths outgrow the document (SV-D1).
        if (this.#depths.bytes > snapshot.byteLength) this.#depths = StructDepths.ofUpdate(Y.decodeUpdate(snapshot));
      },
    };
  }

  /**
   * Slow path: a temporary Y.Doc applies what is held back and the update; its `update` event is
   * the change. Should that let in a struct too deep (SV-D1) that the update alone would not (a
   * held-back struct waiting for the update's), the update is taken alone and what was held back
   * is dropped: one client's held-back struct cannot get another client's update refused.
   */
  #changeThroughDoc(update: Uint8Array, maxHeldBytes: number): Change {
    const change = this.#throughDoc(update, this.#held, maxHeldBytes);
    if (change !== 'too-deep') return change;
    const alone = this.#held.bytes > 0 ? this.#throughDoc(update, NOTHING_HELD, maxHeldBytes) : change;
    if (alone === 'too-deep') throw new RefusedUpdate('too-deep');
    return alone;
  }

  /** `#changeThroughDoc` with what is held back given. */
  #throughDoc(update: Uint8Array, heldBefore: HeldPending, maxHeldBytes: number): Change | 'too-deep' {
    return this.withDoc((doc) => {
      let result: ReturnType<typeof applyWithHeld>;
      try {
        result = applyWithHeld(doc, heldBefore, update);
      } catch {
        throw new RefusedUpdate('malformed');
      }
      const { emitted, held } = result;
      if (held.bytes > maxHeldBytes && held.bytes > this.#held.bytes) throw new RefusedUpdate('held-back-overflow');
      const depths: DepthRuns | 'too-deep' = emitted ? depthsInDoc(doc, Y.decodeUpdate(emitted)) : new Map();
      if (depths === 'too-deep') return depths;
      const sv = stateVectorOf(doc);
      const deletes = DeleteRanges.ofDoc(doc);
      return {
        stored: emitted,
        commit: () => {
          this.#version++;
          this.#sv = sv;
          this.#encodedSv = undefined;
          this.#deletes = deletes;
          this.#deletesExact = true;
          this.#held = held;
          this.#depths.add(depths);
          if (emitted) this.#bytes.append(emitted);
        },
      };
    });
  }

  /** Whether every deleted range is deleted already: true, false, or 'unsure' (the ranges are not exact). */
  #covers(ds: DeleteSetLike): boolean | 'unsure' {
    let sure = true;
    for (const [client, ranges] of ds.clients) {
      for (const r of ranges) {
        if (r.len <= 0 || this.#deletes.covers(client, r.clock, r.len)) continue;
        if (this.#deletesExact || r.clock + r.len > (this.#sv.get(client) ?? 0)) return false;
        sure = false;
      }
    }
    return sure || 'unsure';
  }
}

function stateVectorOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}
