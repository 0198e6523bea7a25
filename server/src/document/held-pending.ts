/**
 * What a room holds back (rule SV-P8): structs and deletions whose dependencies it lacks, exactly
 * as a Y.Doc keeps them in `store.pendingStructs` / `store.pendingDs` (update v2 bytes). They
 * are neither stored nor sent, and are retried when a Y.Doc would retry them.
 */
import * as Y from 'yjs';

/** What is held back, as a Y.Doc's store keeps it. */
export interface HeldPending {
  /** Pending structs (update v2), or null. */
  readonly structs: Uint8Array | null;
  /** Per client, the clock whose arrival may let pending structs in (Y.Doc's `missing`). */
  readonly missing: ReadonlyMap<number, number>;
  /** Pending deletions (update v2 with no structs), or null. */
  readonly ds: Uint8Array | null;
  /** Per client, the lowest clock a pending deletion waits for. */
  readonly dsFrom: ReadonlyMap<number, number>;
  /** Bytes held. */
  readonly bytes: number;
}

/** Nothing held back. */
export const NOTHING_HELD: HeldPending = { structs: null, missing: new Map(), ds: null, dsFrom: new Map(), bytes: 0 };

/** What a (temporary) Y.Doc holds back. */
function heldBy(doc: Y.Doc): HeldPending {
  const pending = doc.store.pendingStructs;
  const ds = doc.store.pendingDs;
  const dsFrom = new Map<number, number>();
  if (ds) {
    for (const [client, ranges] of Y.decodeUpdateV2(ds).ds.clients) {
      for (const r of ranges) dsFrom.set(client, Math.min(dsFrom.get(client) ?? Infinity, r.clock));
    }
  }
  return {
    structs: pending?.update ?? null,
    missing: new Map(pending?.missing ?? []),
    ds,
    dsFrom,
    bytes: (pending?.update.byteLength ?? 0) + (ds?.byteLength ?? 0),
  };
}

/** Whether reaching state vector `sv` may let something held in (a Y.Doc would retry it). */
export function unblockedBy(held: HeldPending, sv: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of held.missing) if (clock < (sv.get(client) ?? 0)) return true;
  for (const [client, clock] of held.dsFrom) if (clock < (sv.get(client) ?? 0)) return true;
  return false;
}

/**
 * The slow path: gives `doc` (a temporary Y.Doc of the document) what is held back, exactly as a
 * long-lived Y.Doc would hold it (its pending structs with their `missing` clocks, its pending
 * delete set), then applies `update`. Returns what the doc's `update` event emitted (what
 * changed, null if nothing) and what it holds back afterwards. Throws if the doc cannot apply it.
 */
export function applyWithHeld(
  doc: Y.Doc,
  held: HeldPending,
  update: Uint8Array,
): { emitted: Uint8Array | null; held: HeldPending } {
  const emitted: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => emitted.push(u));
  doc.store.pendingStructs = held.structs ? { missing: new Map(held.missing), update: held.structs } : null;
  doc.store.pendingDs = held.ds;
  Y.applyUpdate(doc, update);
  return { emitted: emitted.length === 0 ? null : Y.mergeUpdates(emitted), held: heldBy(doc) };
}
