import * as prng from 'lib0/prng';
import { describe, it } from 'vitest';
import * as Y from 'yjs';
import { type MapSnapshot, ORIGINS, readMap, undoScope } from '../src/index.js';
import { randomOp } from './random-ops.js';

const PEERS = 5;
const OPS_PER_PEER = Number(process.env['CONVERGENCE_OPS'] ?? 2_000);
const SEEDS = Number(process.env['CONVERGENCE_SEEDS'] ?? 6);
/** Seeds that once failed: listed here, they run on every test run. */
const REGRESSION_SEEDS: readonly number[] = [];

interface Peer {
  readonly doc: Y.Doc;
  readonly undo: Y.UndoManager;
  online: boolean;
}
interface Message {
  readonly to: number;
  readonly update: Uint8Array;
}

/** Checks the render invariants of rule SH-C1 on one snapshot; returns what is wrong. */
function invariantProblems(map: MapSnapshot): string[] {
  const out: string[] = [];
  const unique = (ids: string[], what: string) => {
    if (new Set(ids).size !== ids.length) out.push(`duplicate ${what} ids`);
  };
  unique(
    map.partners.map((p) => p.id),
    'partner',
  );
  unique(
    map.steps.map((s) => s.id),
    'step',
  );
  unique(
    map.flows.map((f) => f.id),
    'flow',
  );
  for (const s of map.steps) {
    if (!Number.isFinite(s.x) || !Number.isFinite(s.y)) out.push(`step ${s.id} has a non-finite position`);
    if (!map.partnerById.has(s.partner)) out.push(`step ${s.id} is in no drawn lane`);
  }
  for (const f of map.flows) {
    if (!map.stepById.has(f.from) || !map.stepById.has(f.to)) out.push(`flow ${f.id} dangles`);
  }
  return out;
}

/** Brings two peers up to date with each other, as sync steps 1 and 2 do. */
function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), ORIGINS.remote);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), ORIGINS.remote);
}

function runSeed(seed: number): void {
  const gen = prng.create(seed);
  const log: string[] = [];
  const queue: Message[] = [];
  const peers: Peer[] = Array.from({ length: PEERS }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = seed * 16 + i + 1;
    const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([ORIGINS.local]), captureTimeout: 0 });
    return { doc, undo, online: true };
  });
  peers.forEach((peer, i) => {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ORIGINS.remote || !peer.online) return;
      peers.forEach((_, j) => {
        if (j !== i) queue.push({ to: j, update });
      });
    });
  });
  const fail = (why: string): never => {
    throw new Error(`seed ${seed}: ${why}\nlast ops:\n${log.slice(-40).join('\n')}`);
  };

  const total = PEERS * OPS_PER_PEER;
  for (let n = 0; n < total; n++) {
    const who = prng.uint32(gen, 0, PEERS - 1);
    const peer = peers[who]!;
    try {
      randomOp(gen, peer, log, who);
    } catch (error) {
      fail(`op threw ${(error as Error).message}`);
    }
    const problems = invariantProblems(readMap(peer.doc));
    if (problems.length > 0) fail(problems.join('; '));

    // The network: deliver a few messages in random order, drop some, toggle connections.
    for (let d = prng.uint32(gen, 0, 4); d > 0 && queue.length > 0; d--) {
      const [message] = queue.splice(prng.uint32(gen, 0, queue.length - 1), 1);
      const target = peers[message!.to]!;
      if (!target.online || prng.uint32(gen, 0, 99) < 3) continue; // dropped
      Y.applyUpdate(target.doc, message!.update, ORIGINS.remote);
    }
    if (prng.uint32(gen, 0, 999) < 8) {
      const p = peers[prng.uint32(gen, 0, PEERS - 1)]!;
      p.online = !p.online;
      if (p.online) {
        const other = peers.find((q) => q !== p && q.online);
        if (other) syncPair(p.doc, other.doc);
      }
    }
  }

  // Reconnect everyone and resync until all state vectors agree.
  for (const p of peers) p.online = true;
  for (const message of queue) Y.applyUpdate(peers[message.to]!.doc, message.update, ORIGINS.remote);
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < PEERS; i++) for (let j = i + 1; j < PEERS; j++) syncPair(peers[i]!.doc, peers[j]!.doc);
  }
  const vectors = peers.map((p) => Buffer.from(Y.encodeStateVector(p.doc)).toString('hex'));
  const snapshots = peers.map((p) => JSON.stringify(readMap(p.doc)));
  for (let i = 1; i < PEERS; i++) {
    if (vectors[i] !== vectors[0]) fail(`peer ${i} state vector differs`);
    if (snapshots[i] !== snapshots[0]) fail(`peer ${i} snapshot differs`);
  }
  for (const p of peers) {
    if (p.doc.store.pendingStructs !== null || p.doc.store.pendingDs !== null) fail('pending structs remain');
    const problems = invariantProblems(readMap(p.doc));
    if (problems.length > 0) fail(problems.join('; '));
  }
}

describe('seeded randomized convergence', () => {
  const seeds = Array.from({ length: SEEDS }, (_, i) => 1000 + i * 7919);
  it.each(seeds)(
    `[SH-C1] seed %i: ${PEERS} peers x ${OPS_PER_PEER} ops converge with delays, drops and disconnects`,
    (seed) => {
      runSeed(seed);
    },
    120_000,
  );
  for (const seed of REGRESSION_SEEDS) {
    it(`[SH-C1] regression seed ${seed}`, () => runSeed(seed), 120_000);
  }
});
