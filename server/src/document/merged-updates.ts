/**
 * A document as update v1 bytes (rules SV-P9, SV-S4): one merged update (the base) plus the
 * updates accepted since. They are merged only when the whole document is asked for (a joining
 * client's sync reply, which then keeps the result), not on every edit while edits stream in.
 * Compaction (SV-S3) replaces them all, which bounds how many pile up; `MAX_RECENT` bounds it
 * should compaction be configured far out. `Y.mergeUpdates` costs more than linear time in the
 * number of updates it is given, so they are merged in chunks.
 */
import * as Y from 'yjs';

/** An update with nothing in it. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** Updates merged by one `Y.mergeUpdates` call. */
const CHUNK = 16;
/** Recent updates are merged into the base when there are this many. */
const MAX_RECENT = 4096;

/** The base and the recent updates of one document. */
export class MergedUpdates {
  #base: Uint8Array;
  #recent: Uint8Array[] = [];

  constructor(base: Uint8Array) {
    this.#base = base;
  }

  /** The whole document as one update (the recent updates merged into the base first). */
  get whole(): Uint8Array {
    if (this.#recent.length > 0) this.replace(mergeInChunks([this.#base, ...this.#recent]));
    return this.#base;
  }

  /** Adds an accepted update. */
  append(update: Uint8Array): void {
    this.#recent.push(update);
    if (this.#recent.length >= MAX_RECENT) void this.whole;
  }

  /** Replaces everything by one equivalent update (a compacted snapshot). */
  replace(update: Uint8Array): void {
    this.#base = update;
    this.#recent = [];
  }

  /** The base and the recent updates, oldest first: together, the document. */
  parts(): readonly Uint8Array[] {
    return [this.#base, ...this.#recent];
  }

  /** Applies the document to `doc`. */
  applyTo(doc: Y.Doc): void {
    doc.transact(() => {
      for (const u of this.parts()) Y.applyUpdate(doc, u);
    });
  }
}

/** One update equivalent to `updates`, merged `CHUNK` at a time, level by level. */
export function mergeInChunks(updates: readonly Uint8Array[]): Uint8Array {
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += CHUNK) {
      const chunk = level.slice(i, i + CHUNK);
      next.push(chunk.length === 1 ? chunk[0]! : Y.mergeUpdates(chunk));
    }
    level = next;
  }
  return level[0] ?? EMPTY_UPDATE;
}
