/**
 * The fast test of rule SV-P8: can an update be folded into a document held as bytes exactly as
 * a Y.Doc would integrate it, with nothing held back? Anything unusual answers "no", and the
 * room then takes the slow path through a temporary Y.Doc (which is always right).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DecodedUpdate } from './update-check.js';

/** Passes over the client groups before giving up (long cross-client chains take the slow path). */
const MAX_PASSES = 8;

type Struct = DecodedUpdate['structs'][number];

interface Group {
  readonly client: number;
  next: number;
  end: number;
}

/** What integrating an update changes in a state vector (see `stateAfter`). */
interface Advance {
  /** The new clock of every client the update advances (the rest of the state vector stays). */
  readonly clocks: Map<number, number>;
  /** Whether every struct is new: each client's group starts exactly at the known clock, so nothing needs trimming. */
  readonly allNew: boolean;
}

/**
 * What integrating `decoded` into a document whose state vector is `sv` advances, or
 * `undefined` if a Y.Doc would hold part of it back as pending (a gap in a client's clock,
 * an origin, right origin or parent it lacks, a deleted range past what it has) or if the
 * update is not laid out as Yjs writes it (one group per client, clients descending, no
 * Skip or empty struct). Costs time in proportion to the update, not to the state vector.
 */
export function stateAfter(
  update: Uint8Array,
  decoded: DecodedUpdate,
  sv: ReadonlyMap<number, number>,
): Advance | undefined {
  const { structs } = decoded;
  const groups: Group[] = [];
  for (let i = 0; i < structs.length; i++) {
    const s = structs[i]!;
    if (s instanceof Y.Skip || s.length <= 0) return undefined;
    const last = groups[groups.length - 1];
    if (last && last.client === s.id.client) last.end = i + 1;
    else if (last && last.client < s.id.client) return undefined;
    else groups.push({ client: s.id.client, next: i, end: i + 1 });
  }
  // A repeated or empty client group: a Y.Doc keeps only the last group of a client.
  if (groups.length !== decoding.readVarUint(decoding.createDecoder(update))) return undefined;

  const clocks = new Map<number, number>();
  const have = (client: number): number => clocks.get(client) ?? sv.get(client) ?? 0;
  const allNew = groups.every((g) => structs[g.next]!.id.clock === (sv.get(g.client) ?? 0));
  let open = groups.length;
  for (let pass = 0; open > 0; pass++) {
    if (pass === MAX_PASSES) return undefined;
    let progress = false;
    for (const g of groups) {
      if (g.next === g.end) continue;
      if (structs[g.next]!.id.clock > have(g.client)) return undefined; // a gap before the group
      while (g.next < g.end) {
        const s = structs[g.next]!;
        if (!refsPresent(s, have)) break;
        const end = s.id.clock + s.length;
        if (end > have(g.client)) clocks.set(g.client, end);
        g.next++;
        progress = true;
      }
      if (g.next === g.end) open--;
    }
    if (!progress && open > 0) return undefined;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) if (r.len > 0 && r.clock + r.len > have(client)) return undefined;
  }
  return { clocks, allNew };
}

/** Whether every ID an item points to (origin, right origin, parent item) is present. */
function refsPresent(s: Struct, have: (client: number) => number): boolean {
  if (!(s instanceof Y.Item)) return true; // GC: only its own clock matters
  const present = (id: Y.ID | null): boolean =>
    id === null || (id.client === s.id.client ? id.clock < s.id.clock : id.clock < have(id.client));
  return present(s.origin) && present(s.rightOrigin) && (!(s.parent instanceof Y.ID) || present(s.parent));
}
