/**
 * A room's awareness (who is here, their cursors), relayed between its peers (rules SV-P2, SV-P5,
 * SV-A5-A7). The room owns one; every awareness frame in or out of the room goes through it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { CloseError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { awarenessMessage } from './messages.js';
import type { Peer } from './peer.js';

export class AwarenessRelay {
  readonly #awareness = new Awareness(new Y.Doc());
  /** The awareness client id each peer publishes for (SV-A5): the first it sent that no other peer owned. */
  readonly #owners = new Map<Peer, number>();

  /**
   * `peers` is the room's live set of peers (relays go to all of them but the sender);
   * `maxStateBytes` is SV-A6's limit on one client's state.
   */
  constructor(
    private readonly peers: ReadonlySet<Peer>,
    private readonly maxStateBytes: number,
    private readonly metrics: Metrics,
  ) {
    this.#awareness.setLocalState(null);
  }

  /** SV-P2, SV-P5: sends `peer` one Awareness frame with every known state; nothing when there is none. */
  sendAllTo(peer: Peer): void {
    const clients = [...this.#awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessMessage(encodeAwarenessUpdate(this.#awareness, clients)));
  }

  /**
   * SV-A5, SV-A6: takes an awareness update from `peer`, keeps only the entries for the peer's own
   * client id (entries for other ids are dropped) and relays them to the other peers. Throws a
   * CloseError for a state over the limit (4432) and anything for malformed JSON (4400).
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
      // SV-A5: an id already owned by another peer in the room cannot be claimed.
      if (!this.#owners.has(peer) && ![...this.#owners.values()].includes(clientId)) {
        this.#owners.set(peer, clientId);
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
  }

  /** SV-A7: forgets a peer that left; its state, if it published one, is removed and the removal relayed. */
  drop(peer: Peer): void {
    const id = this.#owners.get(peer);
    this.#owners.delete(peer);
    if (id === undefined || !this.#awareness.getStates().has(id)) return;
    removeAwarenessStates(this.#awareness, [id], null);
    this.#relay(awarenessMessage(encodeAwarenessUpdate(this.#awareness, [id])), peer);
  }

  /** Stops the awareness' timer and forgets every peer. */
  destroy(): void {
    this.#awareness.destroy();
    this.#owners.clear();
  }

  #relay(message: Uint8Array, from: Peer): void {
    for (const p of this.peers) if (p !== from) p.send(message);
  }
}
