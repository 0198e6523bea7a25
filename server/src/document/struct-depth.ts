/**
 * How deep every struct of a room's document sits (rule SV-D1), so that an update nesting shared
 * types deeper than the model ever does is refused before it is applied or stored. Yjs walks
 * nested types recursively (deleting a type, garbage collection, `toJSON`): a chain of a few
 * thousand nested maps overflows the stack of every client that loads it, and of the server's
 * export and compaction.
 *
 * Depth: a root type (`meta`, `partners`, `steps`, `flows`) is level 1, its entries (the entity
 * maps) level 2, an entity's field values level 3, and the entries of a shared type stored in a
 * field level 4. A struct is an item of the type its parent names: in an update, that is a root
 * type's name, an item id (the item whose content is the parent type), or nothing, when the item
 * has an origin or right origin and shares its parent (the left one's, else the right one's).
 * So a struct's depth follows from the depth of the struct it points to, which is in the same
 * update or already in the document: the document's depths are kept here, per client, as runs of
 * consecutive clocks at one depth (an entity map and its fields are two runs; a client's edits to
 * fields extend one run). A GC struct has no depth (`COLLECTED`), nor does an item Yjs would
 * collect on arrival because its parent or its left or right neighbour is a GC struct.
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './update-check.js';

/** SV-D1: the deepest level a struct may sit at (see the file comment). */
export const MAX_STRUCT_DEPTH = 4;

/** Depths at or past this are stored as this (one byte per run). */
const CAP = MAX_STRUCT_DEPTH + 1;

/**
 * The depth of a GC struct, and of an item Yjs collects on arrival: it has none. Anything that
 * points to such a struct is collected too, so any depth below the limit is as good: a collected
 * run takes the depth of a shallower run it borders (`joinedDepth`), which keeps the runs few once
 * deleted content is collected.
 */
const COLLECTED = 0;

type Struct = DecodedUpdate['structs'][number];

/** New structs per client: flat `clock, length, depth` triples, ascending. */
export type DepthRuns = Map<number, number[]>;

/** What depth-checking an update found. */
export type DepthCheck =
  { readonly ok: true; readonly runs: DepthRuns } | { readonly ok: false; readonly why: 'too-deep' | 'unknown' };

/** One client's runs: run i covers clocks `starts[i]` up to `starts[i + 1]` (the last one up to `end`). */
class ClientRuns {
  starts = new Float64Array(4);
  depths = new Uint8Array(4);
  count = 0;
  end = 0;

  /** Appends `[clock, clock + length)` at `depth`; `clock` must be `end`. */
  push(clock: number, length: number, depth: number): void {
    const joined = this.count > 0 ? joinedDepth(this.depths[this.count - 1]!, depth) : undefined;
    if (joined !== undefined) {
      this.depths[this.count - 1] = joined;
      this.end = clock + length;
      return;
    }
    if (this.count === this.starts.length) {
      const starts = new Float64Array(this.count * 2);
      starts.set(this.starts);
      const depths = new Uint8Array(this.count * 2);
      depths.set(this.depths);
      this.starts = starts;
      this.depths = depths;
    }
    this.starts[this.count] = clock;
    this.depths[this.count] = depth;
    this.count++;
    this.end = clock + length;
  }

  /** Drops the spare capacity (after a bulk build). */
  trim(): void {
    if (this.count === this.starts.length) return;
    this.starts = this.starts.slice(0, Math.max(1, this.count));
    this.depths = this.depths.slice(0, Math.max(1, this.count));
  }

  at(clock: number): number | undefined {
    if (this.count === 0 || clock >= this.end || clock < this.starts[0]!) return undefined;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clock) lo = mid;
      else hi = mid - 1;
    }
    return this.depths[lo];
  }
}

/** The depth of every struct of a document (SV-D1), as runs per client. */
export class StructDepths {
  readonly #clients = new Map<number, ClientRuns>();

  /**
   * The depths of a whole document given as one decoded update. Stored before this check existed,
   * it may hold structs deeper than allowed or pointing outside itself: those are kept at the
   * deepest level, so nothing can be added below them.
   */
  static ofUpdate(decoded: DecodedUpdate): StructDepths {
    const depths = new StructDepths();
    const check = depths.#check(decoded, new Map(), false);
    if (check.ok) depths.add(check.runs);
    depths.#trim();
    return depths;
  }

  /** The depths of every struct of a Y.Doc. */
  static ofDoc(doc: Y.Doc): StructDepths {
    const depths = new StructDepths();
    const runs: DepthRuns = new Map();
    for (const [client, structs] of doc.store.clients) {
      const list: number[] = [];
      for (const s of structs) pushRun(list, s.id.clock, s.length, depthInDoc(s));
      runs.set(client, list);
    }
    depths.add(runs);
    depths.#trim();
    return depths;
  }

  /** The depths as `clock, length, depth` runs: plain data that crosses threads (SV-W4). */
  toRuns(): DepthRuns {
    const runs: DepthRuns = new Map();
    for (const [client, c] of this.#clients) {
      const list: number[] = [];
      for (let i = 0; i < c.count; i++) {
        const start = c.starts[i]!;
        const end = i + 1 < c.count ? c.starts[i + 1]! : c.end;
        list.push(start, end - start, c.depths[i]!);
      }
      runs.set(client, list);
    }
    return runs;
  }

  /** The depths of runs made by `toRuns`. */
  static ofRuns(runs: DepthRuns): StructDepths {
    const depths = new StructDepths();
    depths.add(runs);
    depths.#trim();
    return depths;
  }

  /** Runs held (each costs 9 bytes, plus a little per client). */
  get runCount(): number {
    let n = 0;
    for (const c of this.#clients.values()) n += c.count;
    return n;
  }

  /** Bytes the runs take. */
  get bytes(): number {
    let n = 0;
    for (const c of this.#clients.values()) n += c.starts.byteLength + c.depths.byteLength + 64;
    return n;
  }

  #trim(): void {
    for (const c of this.#clients.values()) c.trim();
  }

  /** The depth of the struct holding `clock` of `client`, if the document has it. */
  at(client: number, clock: number): number | undefined {
    return this.#clients.get(client)?.at(clock);
  }

  /** Adds the depths of structs the document has just taken in (each client's past its last clock). */
  add(runs: DepthRuns): void {
    for (const [client, list] of runs) {
      let c = this.#clients.get(client);
      if (!c) this.#clients.set(client, (c = new ClientRuns()));
      for (let k = 0; k < list.length; k += 3) {
        const clock = list[k]!;
        const length = list[k + 1]!;
        const depth = list[k + 2]!;
        if (clock + length <= c.end) continue;
        const from = Math.max(clock, c.end);
        c.push(from, clock + length - from, depth);
      }
    }
  }

  /**
   * The depths of the structs of `decoded` past state vector `sv` (what a document with that state
   * vector and these depths would take in), or why not: a struct deeper than `MAX_STRUCT_DEPTH`
   * ('too-deep'), or one pointing to a struct that is neither in the document nor in the update
   * ('unknown'; the caller decides through a Y.Doc).
   */
  check(decoded: DecodedUpdate, sv: ReadonlyMap<number, number>): DepthCheck {
    return this.#check(decoded, sv, true);
  }

  /** `check`; when not `strict`, a struct too deep or pointing nowhere gets the capped depth instead. */
  #check(decoded: DecodedUpdate, sv: ReadonlyMap<number, number>, strict: boolean): DepthCheck {
    const { structs } = decoded;
    const { order, groups } = byClient(structs);
    const known = (client: number): number => sv.get(client) ?? 0;
    /** The index of the new struct of the update that holds `id`, or -1. */
    const local = (client: number, clock: number): number => {
      const g = groups.get(client);
      if (!g || clock < known(client)) return -1;
      let lo = g.from;
      let hi = g.to - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = structs[order[mid]!]!;
        if (clock < s.id.clock) hi = mid - 1;
        else if (clock >= s.id.clock + s.length) lo = mid + 1;
        else return order[mid]!;
      }
      return -1;
    };

    const memo = new Int16Array(structs.length).fill(UNRESOLVED);
    // Resolved without recursion: an update may hold a chain as long as itself.
    const stack: number[] = [];
    const resolve = (start: number): number | undefined => {
      stack.length = 0;
      stack.push(start);
      while (stack.length > 0) {
        const i = stack[stack.length - 1]!;
        const s = structs[i]!;
        // What the depth follows from: the parent named in the update (a child of that item's
        // content: one level deeper), else the left or right neighbour (a sibling: the same level).
        let ref: Y.ID | null = null;
        let child = false;
        if (s instanceof Y.Item) {
          if (typeof s.parent === 'string') {
            memo[i] = 2;
            stack.pop();
            continue;
          }
          child = s.parent instanceof Y.ID;
          ref = child ? (s.parent as Y.ID) : (s.origin ?? s.rightOrigin);
        }
        if (ref === null) {
          memo[i] = COLLECTED; // a GC struct
          stack.pop();
          continue;
        }
        const j = local(ref.client, ref.clock);
        if (j >= 0 && memo[j] === UNRESOLVED) {
          memo[i] = VISITING;
          stack.push(j);
          continue;
        }
        let target: number | undefined;
        if (j >= 0)
          target = memo[j] === VISITING ? undefined : memo[j]; // a cycle: no Y.Doc could take it
        else target = ref.clock < known(ref.client) ? this.at(ref.client, ref.clock) : undefined;
        if (target === undefined) {
          if (strict) return undefined;
          target = CAP;
        }
        memo[i] = target === COLLECTED ? COLLECTED : Math.min(CAP, target + (child ? 1 : 0));
        stack.pop();
      }
      return memo[start];
    };

    const runs: DepthRuns = new Map();
    for (const [client, g] of groups) {
      const list: number[] = [];
      for (let k = g.from; k < g.to; k++) {
        const i = order[k]!;
        const s = structs[i]!;
        if (s.id.clock + s.length <= known(client)) continue;
        const depth = memo[i]! >= 0 ? memo[i]! : resolve(i);
        if (depth === undefined) return { ok: false, why: 'unknown' };
        if (depth > MAX_STRUCT_DEPTH && strict) return { ok: false, why: 'too-deep' };
        pushRun(list, s.id.clock, s.length, depth);
      }
      runs.set(client, list);
    }
    return { ok: true, runs };
  }
}

const UNRESOLVED = -1;
const VISITING = -2;

/**
 * The structs of an update grouped by client, in clock order: `order` lists their indices, each
 * client's from `from` to `to`. An update laid out as Yjs writes it is grouped already.
 */
function byClient(structs: readonly Struct[]): {
  order: Int32Array;
  groups: Map<number, { from: number; to: number }>;
} {
  const order = new Int32Array(structs.length);
  const groups = new Map<number, { from: number; to: number }>();
  let n = 0;
  let grouped = true;
  let last: { client: number; end: number; group: { from: number; to: number } } | undefined;
  for (let i = 0; i < structs.length; i++) {
    const s = structs[i]!;
    if (s instanceof Y.Skip) continue;
    if (last && last.client === s.id.client && s.id.clock >= last.end) {
      last.end = s.id.clock + s.length;
      last.group.to = n + 1;
    } else if (groups.has(s.id.client) || (last && last.client === s.id.client)) {
      grouped = false;
    } else {
      const group = { from: n, to: n + 1 };
      groups.set(s.id.client, group);
      last = { client: s.id.client, end: s.id.clock + s.length, group };
    }
    order[n++] = i;
  }
  if (grouped) return { order: order.subarray(0, n), groups };
  // Not laid out as Yjs writes updates: sort by client, then clock.
  const sorted = Array.from(order.subarray(0, n)).sort((a, b) => {
    const x = structs[a]!.id;
    const y = structs[b]!.id;
    return x.client - y.client || x.clock - y.clock;
  });
  groups.clear();
  sorted.forEach((i, k) => {
    const client = structs[i]!.id.client;
    const g = groups.get(client);
    if (g) g.to = k + 1;
    else groups.set(client, { from: k, to: k + 1 });
  });
  return { order: Int32Array.from(sorted), groups };
}

/** Appends `[clock, length, depth]` to flat runs, extending the last one where `ClientRuns.push` would. */
function pushRun(list: number[], clock: number, length: number, depth: number): void {
  const n = list.length;
  const joined = n > 0 && list[n - 3]! + list[n - 2]! === clock ? joinedDepth(list[n - 1]!, depth) : undefined;
  if (joined !== undefined) {
    list[n - 2]! += length;
    list[n - 1] = joined;
  } else {
    list.push(clock, length, depth);
  }
}

/**
 * The depth of one run holding a run at `last` and the next at `next`, if they can be one: the
 * same depth, or a collected run beside one shallower than `MAX_STRUCT_DEPTH` (what points into
 * the collected part then gets at most the deepest allowed level, so it is never refused for it).
 */
function joinedDepth(last: number, next: number): number | undefined {
  if (last === next) return last;
  if (next === COLLECTED && last < MAX_STRUCT_DEPTH) return last;
  if (last === COLLECTED && next < MAX_STRUCT_DEPTH) return next;
  return undefined;
}

/** A struct's depth in a Y.Doc it is integrated in: its parent chain, counted up to `CAP`. */
function depthInDoc(s: Y.Item | Y.GC): number {
  if (!(s instanceof Y.Item)) return COLLECTED;
  let depth = 1;
  let type: Y.AbstractType<unknown> | null = s.parent as Y.AbstractType<unknown> | null;
  while (type && depth < CAP) {
    depth++;
    type = type._item ? (type._item.parent as Y.AbstractType<unknown> | null) : null;
  }
  return type ? CAP : depth;
}

/** The depths of the structs a Y.Doc took in, given the update it emitted for them (SV-D1). */
export function depthsInDoc(doc: Y.Doc, emitted: DecodedUpdate): DepthRuns | 'too-deep' {
  const runs: DepthRuns = new Map();
  for (const s of emitted.structs) {
    if (s instanceof Y.Skip) continue;
    let list = runs.get(s.id.client);
    if (!list) runs.set(s.id.client, (list = []));
    // The doc's own struct at that clock (it may have been split or merged since).
    let clock = s.id.clock;
    const end = s.id.clock + s.length;
    while (clock < end) {
      const own = Y.getItem(doc.store, Y.createID(s.id.client, clock)) as Y.Item | Y.GC;
      const depth = depthInDoc(own);
      if (depth > MAX_STRUCT_DEPTH) return 'too-deep';
      const upTo = Math.min(end, own.id.clock + own.length);
      pushRun(list, clock, upTo - clock, depth);
      clock = upTo;
    }
  }
  return runs;
}
