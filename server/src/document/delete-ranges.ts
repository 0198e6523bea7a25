/**
 * Deleted ranges of a document, per client: sorted, merged `[clock, clock + len)` ranges.
 * A room keeps one to answer "is this already deleted?" (rule SV-R2) without a Y.Doc.
 */
import * as Y from 'yjs';

/** One deleted range. */
interface Range {
  clock: number;
  len: number;
}

/** What `Y.createDeleteSetFromStructStore` and `Y.decodeUpdate(...).ds` give. */
export interface DeleteSetLike {
  readonly clients: ReadonlyMap<number, readonly Range[]>;
}

/** Deleted ranges per client. */
export class DeleteRanges {
  readonly #clients = new Map<number, Range[]>();

  /** Ranges of a delete set (sorted or not, overlapping or not). */
  static of(ds: DeleteSetLike): DeleteRanges {
    const out = new DeleteRanges();
    for (const [client, ranges] of ds.clients) for (const r of ranges) out.add(client, r.clock, r.len);
    return out;
  }

  /** The exact deleted ranges of a Y.Doc (GC structs and deleted items). */
  static ofDoc(doc: Y.Doc): DeleteRanges {
    return DeleteRanges.of(Y.createDeleteSetFromStructStore(doc.store));
  }

  /** Adds the GC structs and deleted items of decoded `structs` past `sv` (a Y.Doc counts them deleted). */
  addDeletedStructs(structs: readonly (Y.Item | Y.GC | Y.Skip)[], sv: ReadonlyMap<number, number>): void {
    for (const s of structs) {
      if (!(s instanceof Y.GC || (s instanceof Y.Item && s.content instanceof Y.ContentDeleted))) continue;
      const from = Math.max(s.id.clock, sv.get(s.id.client) ?? 0);
      this.add(s.id.client, from, s.id.clock + s.length - from);
    }
  }

  /** Marks `[clock, clock + len)` of `client` as deleted. */
  add(client: number, clock: number, len: number): void {
    if (len <= 0) return;
    let ranges = this.#clients.get(client);
    if (!ranges) {
      ranges = [];
      this.#clients.set(client, ranges);
    }
    // Ranges mostly come in order (Yjs sorts them per client): those extend the last range or
    // follow it, with no search and no splice.
    const last = ranges[ranges.length - 1];
    if (last === undefined || clock > last.clock + last.len) {
      ranges.push({ clock, len });
      return;
    }
    if (clock >= last.clock) {
      last.len = Math.max(last.len, clock + len - last.clock);
      return;
    }
    // The first range that ends at or after `clock` (it may touch or overlap the new one).
    const i = firstEndingAtOrAfter(ranges, clock);
    let start = clock;
    let end = clock + len;
    let n = 0;
    while (i + n < ranges.length && ranges[i + n]!.clock <= end) {
      const r = ranges[i + n]!;
      start = Math.min(start, r.clock);
      end = Math.max(end, r.clock + r.len);
      n++;
    }
    ranges.splice(i, n, { clock: start, len: end - start });
  }

  /** Whether `[clock, clock + len)` of `client` is deleted entirely (an empty range is). */
  covers(client: number, clock: number, len: number): boolean {
    if (len <= 0) return true;
    const ranges = this.#clients.get(client);
    if (!ranges) return false;
    const i = firstEndingAtOrAfter(ranges, clock + 1);
    const r = ranges[i];
    return r !== undefined && r.clock <= clock && r.clock + r.len >= clock + len;
  }

  /** Every range as flat `client, clock, len` triples: plain data that crosses threads (SV-W4). */
  toTriples(): number[] {
    const out: number[] = [];
    for (const [client, ranges] of this.#clients) for (const r of ranges) out.push(client, r.clock, r.len);
    return out;
  }

  /** The ranges of flat `client, clock, len` triples. */
  static ofTriples(triples: ArrayLike<number>): DeleteRanges {
    const out = new DeleteRanges();
    for (let k = 0; k + 2 < triples.length; k += 3) out.add(triples[k]!, triples[k + 1]!, triples[k + 2]!);
    return out;
  }

  /** Every range, per client (tests). */
  toMap(): Map<number, Range[]> {
    return new Map([...this.#clients].map(([c, rs]) => [c, rs.map((r) => ({ ...r }))]));
  }
}

/** Index of the first range whose end (`clock + len`) is at or after `clock`; `ranges.length` if none. */
function firstEndingAtOrAfter(ranges: readonly Range[], clock: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r.clock + r.len < clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
