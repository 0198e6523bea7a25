import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import type { Role } from '@ketenkaart/shared';
import { createMetrics } from '../src/metrics.js';
import { AwarenessRelay, PRESENCE_GRACE_MS } from '../src/rooms/awareness-relay.js';
import type { Peer } from '../src/rooms/peer.js';
import { awarenessFrame, parseFrame } from './frames.js';

/** A peer that records the frames sent to it. */
function peer(role: Role = 'editor'): Peer & { frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  return { role, frames, send: (m) => frames.push(m), close: () => {} };
}

/** The `[clientId, state]` entries of an Awareness frame. */
function entries(frame: Uint8Array): [number, unknown][] {
  const parsed = parseFrame(frame);
  expect(parsed.type).toBe(1);
  const d = decoding.createDecoder(parsed.payload!);
  return Array.from({ length: decoding.readVarUint(d) }, () => {
    const id = decoding.readVarUint(d);
    decoding.readVarUint(d);
    return [id, JSON.parse(decoding.readVarString(d)) as unknown];
  });
}

/** The payload of an awareness frame built by the test helper (what `receive` takes). */
const update = (list: readonly (readonly [number, number, unknown])[]) => parseFrame(awarenessFrame(list)).payload!;

describe('awareness relay', () => {
  it('[SV-P2] [SV-P5] [SV-A5] [SV-A7] relays own states to the others, answers with every state, removes leavers', () => {
    const [a, b, c] = [peer(), peer(), peer()];
    const peers = new Set<Peer>([a, b, c]);
    const relay = new AwarenessRelay(peers, 1024, createMetrics());
    relay.sendAllTo(c);
    expect(c.frames).toEqual([]); // nothing known: no frame

    relay.receive(a, update([[1, 1, { name: 'Anna' }]]));
    relay.receive(b, update([[2, 1, { name: 'Bram' }]]));
    expect(a.frames.map(entries)).toEqual([[[2, { name: 'Bram' }]]]);
    expect(b.frames.map(entries)).toEqual([[[1, { name: 'Anna' }]]]);

    // b cannot claim a's id, nor publish for a second id: those entries are dropped.
    relay.receive(
      b,
      update([
        [1, 2, { name: 'spoofed' }],
        [3, 1, { name: 'extra' }],
      ]),
    );
    expect(a.frames).toHaveLength(1);

    c.frames.length = 0;
    relay.sendAllTo(c);
    expect(c.frames.map(entries)).toEqual([
      [
        [1, { name: 'Anna' }],
        [2, { name: 'Bram' }],
      ],
    ]);

    peers.delete(a);
    relay.drop(a);
    expect(b.frames.map(entries).at(-1)).toEqual([[1, null]]);
    c.frames.length = 0;
    relay.sendAllTo(c);
    expect(c.frames.map(entries)).toEqual([[[2, { name: 'Bram' }]]]);
    relay.destroy();
  });

  it('[SV-A9] a released id stays bound to its role for the grace period; its owner may reclaim it', () => {
    let now = 1_000_000;
    const peers = new Set<Peer>();
    const relay = new AwarenessRelay(peers, 1024, createMetrics(), () => now);
    const join = (role: Role) => {
      const p = peer(role);
      peers.add(p);
      return p;
    };
    const leave = (p: Peer) => {
      peers.delete(p);
      relay.drop(p);
    };
    const observer = join('viewer');
    const states = () => {
      observer.frames.length = 0;
      relay.sendAllTo(observer);
      return observer.frames.flatMap(entries).sort(([a], [b]) => a - b);
    };

    const alice = join('editor');
    relay.receive(alice, update([[1, 1, { name: 'Alice' }]]));
    leave(alice);
    expect(states()).toEqual([]);

    // Within the grace: a viewer cannot claim it, and that viewer may still claim its own id.
    now += PRESENCE_GRACE_MS - 1;
    const mallory = join('viewer');
    relay.receive(mallory, update([[1, 5, { name: 'Mallory' }]]));
    expect(states()).toEqual([]);
    relay.receive(mallory, update([[9, 1, { name: 'Mallory' }]]));
    expect(states()).toEqual([[9, { name: 'Mallory' }]]);

    // The editor reconnecting reclaims it.
    const aliceAgain = join('editor');
    relay.receive(aliceAgain, update([[1, 2, { name: 'Alice' }]]));
    expect(states()).toEqual([
      [1, { name: 'Alice' }],
      [9, { name: 'Mallory' }],
    ]);
    // The viewer leaving takes only its own state away.
    leave(mallory);
    expect(states()).toEqual([[1, { name: 'Alice' }]]);

    // A viewer's released id is not an editor's to take either; after the grace it is free.
    const vera = join('viewer');
    relay.receive(vera, update([[20, 1, { name: 'Vera' }]]));
    leave(vera);
    const eddie = join('editor');
    relay.receive(eddie, update([[20, 2, { name: 'Eddie' }]]));
    expect(states()).toEqual([[1, { name: 'Alice' }]]);
    now += PRESENCE_GRACE_MS;
    relay.receive(eddie, update([[20, 3, { name: 'Eddie' }]]));
    expect(states()).toEqual([
      [1, { name: 'Alice' }],
      [20, { name: 'Eddie' }],
    ]);
    relay.destroy();
  });
});
