/**
 * What `DocState` keeps besides its bytes (state vector, deleted ranges, struct depths), computed
 * as plain data so that a worker thread can do the costly part (rule SV-W4): decoding a whole
 * large document on load, or building a Y.Doc to learn what a replacement or a layout deletes,
 * would block the thread that serves every room for seconds on a 20,000-step map.
 */
import * as Y from 'yjs';
import { DeleteRanges } from './delete-ranges.js';
import { mergeInChunks } from './merged-updates.js';
import { StructDepths, depthsInDoc, type DepthRuns } from './struct-depth.js';

/** A document's state besides its bytes, as data that crosses threads. */
export interface PreparedState {
  /** The state vector as flat `client, clock` pairs. */
  readonly sv: readonly number[];
  /** Deleted ranges as flat `client, clock, len` triples. */
  readonly deletes: readonly number[];
  /** Whether `deletes` are exactly the document's (from a Y.Doc), or at least them. */
  readonly deletesExact: boolean;
  /** Struct depths (SV-D1): of the whole document on load, of the new structs for a change. */
  readonly depths: DepthRuns;
}

/** A stored document, loaded: its bytes as one update and its state. */
export interface PreparedLoad {
  readonly merged: Uint8Array;
  readonly state: PreparedState;
}

/**
 * The load of stored updates (snapshot first), when they hold no gap: null when they do (structs
 * waiting for missing ones, or deletions of missing structs; only a Y.Doc sorts those out, and
 * `DocState.load` does). Throws if the updates cannot be read.
 */
export function prepareLoad(updates: readonly Uint8Array[]): PreparedLoad | null {
  const merged = mergeInChunks(updates);
  const decoded = Y.decodeUpdate(merged);
  const sv = new Map<number, number>();
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip || s.id.clock !== (sv.get(s.id.client) ?? 0)) return null;
    sv.set(s.id.client, s.id.clock + s.length);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) if (r.len > 0 && r.clock + r.len > (sv.get(client) ?? 0)) return null;
  }
  const deletes = DeleteRanges.of(decoded.ds);
  deletes.addDeletedStructs(decoded.structs, new Map());
  return {
    merged,
    state: {
      sv: [...sv].flat(),
      deletes: deletes.toTriples(),
      deletesExact: false,
      depths: StructDepths.ofUpdate(decoded).toRuns(),
    },
  };
}

/**
 * The state of `doc` after `change` was applied to it, `change` holding every struct the doc took
 * in from it (built on the doc, as a replacement or a layout is). Null if a struct of the change
 * would sit deeper than the model nests (SV-D1): the caller then takes the usual path, which
 * refuses it.
 */
export function stateAfterChange(doc: Y.Doc, change: Uint8Array): PreparedState | null {
  const depths = depthsInDoc(doc, Y.decodeUpdate(change));
  if (depths === 'too-deep') return null;
  return {
    sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].flat(),
    deletes: DeleteRanges.ofDoc(doc).toTriples(),
    deletesExact: true,
    depths,
  };
}

/** The state vector of flat `client, clock` pairs. */
export function stateVectorOfPairs(pairs: readonly number[]): Map<number, number> {
  const sv = new Map<number, number>();
  for (let k = 0; k + 1 < pairs.length; k += 2) sv.set(pairs[k]!, pairs[k + 1]!);
  return sv;
}
