/**
 * A room's awareness (who is here, their cursors), relayed between its peers (rules SV-P2, SV-P5,
 * SV-A5-A7, SV-A9). The room owns one; every awareness frame in or out of the room goes through
 * it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CLOSE_CODES, type Role } from '@ketenkaart/shared';
import { CloseError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { awarenessMessage } from './messages.js';
import type { Peer } from './peer.js';

/**
 * SV-A9: how long a presence id stays bound to the role of the peer that claimed it after that
 * peer's socket closed. Longer than a reconnect after a network blip takes (the stock client
 * retries within seconds), and than the stock client keeps a silent peer's state (30 s).
 */
export const PRESENCE_GRACE_MS = 60_000;

/** Who claimed a presence id: the peer that holds it, or the role that held it until `releasedAt`. */
interface Claim {
  readonly role: Role;
  owner: Peer | undefined;
  releasedAt: number;
}

export class AwarenessRelay {
  readonly #awareness = new Awareness(new Y.Doc());
  /** The awareness client id each peer publishes for (SV-A5): the first it sent that it could claim. */
  readonly #owners = new Map<Peer, number>();
  /** Every id held by a peer, or released less than `PRESENCE_GRACE_MS` ago (SV-A9). */
  readonly #claims = new Map<number, Claim>();
  /** SV-N4: the ids whose state came from another instance, and that instance's id. */
  readonly #remote = new Map<number, string>();

  /**
   * `peers` is the room's live set of peers (relays go to all of them but the sender);
   * `maxStateBytes` is SV-A6's limit on one client's state; `now` is the clock of SV-A9's grace;
   * `publish` hears every change of a peer's state here, for the other instances (SV-N4).
   */
  constructor(
    private readonly peers: ReadonlySet<Peer>,
    private readonly maxStateBytes: number,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
    private readonly publish: ((update: Uint8Array) => void) | undefined = undefined,
  ) {
    this.#awareness.setLocalState(null);
  }

  /** SV-P2, SV-P5: sends `peer` one Awareness frame with every known state; nothing when there is none. */
  sendAllTo(peer: Peer): void {
    const clients = [...this.#awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessMessage(encodeAwarenessUpdate(this.#awareness, clients)));
  }

  /**
   * SV-A5, SV-A6, SV-A9: takes an awareness update from `peer`, keeps only the entries for the
   * peer's own client id (entries for other ids are dropped) and relays them to the other peers.
   * Throws a CloseError for a state over the limit (4432) and anything for malformed JSON (4400).
   */
  receive(peer: Peer, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept = encoding.createEncoder();
    let keptCount = 0;
    const body = encoding.createEncoder();
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      if (state.length > this.maxStateBytes || Buffer.byteLength(state) > this.maxStateBytes) {
        throw new CloseError(CLOSE_CODES.awarenessTooLarge, 'awareness state too large');
      }
      JSON.parse(state); // throws on malformed JSON: 4400
      if (!this.#owners.has(peer) && this.#mayClaim(peer, clientId)) {
        this.#owners.set(peer, clientId);
        this.#claims.set(clientId, { role: peer.role, owner: peer, releasedAt: 0 });
        // A client that moved here from another instance (SV-N4): its state is this peer's now.
        this.#remote.delete(clientId);
      }
      if (clientId !== this.#owners.get(peer)) {
        this.metrics.rejectedWrites.inc({ reason: 'awareness-other-client' });
        continue;
      }
      keptCount++;
      encoding.writeVarUint(body, clientId);
      encoding.writeVarUint(body, clock);
      encoding.writeVarString(body, state);
    }
    if (keptCount === 0) return;
    encoding.writeVarUint(kept, keptCount);
    encoding.writeUint8Array(kept, encoding.toUint8Array(body));
    const filtered = encoding.toUint8Array(kept);
    applyAwarenessUpdate(this.#awareness, filtered, null);
    this.#relay(awarenessMessage(filtered), peer);
    this.publish?.(filtered);
  }

  /**
   * SV-A7, SV-A9: forgets a peer that left; its state, if it published one, is removed and the
   * removal relayed. Its id stays bound to its role for `PRESENCE_GRACE_MS`.
   */
  drop(peer: Peer): void {
    const id = this.#owners.get(peer);
    this.#owners.delete(peer);
    if (id === undefined) return;
    const claim = this.#claims.get(id);
    if (claim?.owner === peer) {
      claim.owner = undefined;
      claim.releasedAt = this.now();
    }
    this.#forgetExpired();
    if (!this.#awareness.getStates().has(id)) return;
    removeAwarenessStates(this.#awareness, [id], null);
    const removal = encodeAwarenessUpdate(this.#awareness, [id]);
    this.#relay(awarenessMessage(removal), peer);
    this.publish?.(removal);
  }

  /**
   * SV-N4: an awareness update another instance (`instance`) published: its entries for ids no
   * peer here holds are applied and relayed to every peer here. Malformed input is ignored.
   */
  receiveRemote(instance: string, update: Uint8Array): void {
    const kept: { id: number; clock: number; state: string }[] = [];
    try {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        const id = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const state = decoding.readVarString(decoder);
        if (this.#claims.get(id)?.owner) continue;
        kept.push({ id, clock, state });
      }
    } catch {
      return;
    }
    if (kept.length === 0) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, kept.length);
    for (const k of kept) {
      encoding.writeVarUint(e, k.id);
      encoding.writeVarUint(e, k.clock);
      encoding.writeVarString(e, k.state);
      if (k.state === 'null') this.#remote.delete(k.id);
      else this.#remote.set(k.id, instance);
    }
    const filtered = encoding.toUint8Array(e);
    applyAwarenessUpdate(this.#awareness, filtered, instance);
    this.#relay(awarenessMessage(filtered), undefined);
  }

  /** SV-N4: the states of the peers here, as one awareness update; undefined when none has one. */
  localStates(): Uint8Array | undefined {
    const states = this.#awareness.getStates();
    const ids = [...this.#owners.values()].filter((id) => states.has(id));
    return ids.length > 0 ? encodeAwarenessUpdate(this.#awareness, ids) : undefined;
  }

  /** SV-N4: instance `instance` stopped (or went silent): the states it gave are removed here and the removal relayed. */
  dropInstance(instance: string): void {
    const ids = [...this.#remote].filter(([, from]) => from === instance).map(([id]) => id);
    for (const id of ids) this.#remote.delete(id);
    const present = ids.filter((id) => this.#awareness.getStates().has(id));
    if (present.length === 0) return;
    removeAwarenessStates(this.#awareness, present, instance);
    this.#relay(awarenessMessage(encodeAwarenessUpdate(this.#awareness, present)), undefined);
  }

  /** Stops the awareness' timer and forgets every peer. */
  destroy(): void {
    this.#awareness.destroy();
    this.#owners.clear();
    this.#claims.clear();
    this.#remote.clear();
  }

  /**
   * SV-A5: an id another peer holds cannot be claimed. SV-A9: nor can one released less than
   * `PRESENCE_GRACE_MS` ago by a peer of another role; a peer of the same role (its owner
   * reconnecting) may reclaim it.
   */
  #mayClaim(peer: Peer, clientId: number): boolean {
    const claim = this.#claims.get(clientId);
    if (!claim) return true;
    if (claim.owner) return false;
    if (this.now() - claim.releasedAt >= PRESENCE_GRACE_MS) return true;
    return claim.role === peer.role;
  }

  /** Forgets released ids past their grace, once they outnumber the held ones (memory stays bounded). */
  #forgetExpired(): void {
    if (this.#claims.size <= 2 * this.#owners.size + 16) return;
    const expired = this.now() - PRESENCE_GRACE_MS;
    for (const [id, claim] of this.#claims) if (!claim.owner && claim.releasedAt <= expired) this.#claims.delete(id);
  }

  #relay(message: Uint8Array, from: Peer | undefined): void {
    for (const p of this.peers) if (p !== from) p.send(message);
  }
}
