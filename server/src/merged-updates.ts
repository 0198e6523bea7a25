/**
 * A document as update v1 bytes: one merged update plus the few accepted since, merged in
 * lazily (`Y.mergeUpdates` costs time in proportion to the whole document).
 */
import * as Y from 'yjs';

/** An update with nothing in it. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** Recent updates are merged into the rest when there are this many ... */
const MAX_RECENT = 256;
/** ... or when they add up to as many bytes as it (so merging costs O(1) per byte, amortized). */
const RECENT_FRACTION = 1;

export class MergedUpdates {
  #merged: Uint8Array;
  #recent: Uint8Array[] = [];
  #recentBytes = 0;

  constructor(merged: Uint8Array) {
    this.#merged = merged;
  }

  /** The whole document as one update (the recent updates merged in first). */
  get whole(): Uint8Array {
    if (this.#recent.length > 0) this.replace(Y.mergeUpdates([this.#merged, ...this.#recent]));
    return this.#merged;
  }

  /** Adds an accepted update. */
  append(update: Uint8Array): void {
    this.#recent.push(update);
    this.#recentBytes += update.byteLength;
    if (this.#recent.length >= MAX_RECENT || this.#recentBytes >= this.#merged.byteLength * RECENT_FRACTION) {
      void this.whole;
    }
  }

  /** Replaces everything by one equivalent update (a compacted snapshot). */
  replace(update: Uint8Array): void {
    this.#merged = update;
    this.#recent = [];
    this.#recentBytes = 0;
  }

  /** Applies the document to `doc`. */
  applyTo(doc: Y.Doc): void {
    doc.transact(() => {
      Y.applyUpdate(doc, this.#merged);
      for (const u of this.#recent) Y.applyUpdate(doc, u);
    });
  }
}
