import * as prng from 'lib0/prng';
import { describe, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  disconnect,
  FLOW_KINDS,
  FLOW_STATUSES,
  type MapSnapshot,
  movePartner,
  moveSteps,
  moveStepToPartner,
  ORIGINS,
  readMap,
  removePartner,
  removeSteps,
  reorderPartners,
  STEP_KINDS,
  undoScope,
  updateFlow,
  updateMeta,
  updatePartner,
  updateStep,
} from '../src/index.js';

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

/** One random model operation (or undo/redo) on a peer, chosen from what that peer sees. */
function randomOp(gen: prng.PRNG, peer: Peer, log: string[], who: number): void {
  const map = readMap(peer.doc);
  const partners = map.partners.filter((p) => !p.unassigned);
  const steps = map.steps;
  const flows = map.flows;
  const pick = <T>(xs: readonly T[]): T => prng.oneOf(gen, xs as T[]);
  const coord = () => prng.int32(gen, -2000, 4000);
  const word = () => prng.word(gen, 0, 12);
  const crowded = steps.length > 60;
  const r = prng.uint32(gen, 0, 99);
  const record = (op: string) => log.push(`${who}: ${op}`);
  const id = (prefix: string) => `${prefix}${who}-${log.length}`;
  if (partners.length === 0 || (r < 6 && partners.length < 8)) {
    record('addPartner');
    addPartner(peer.doc, { id: id('p'), name: word() || 'p', color: pick(['#123456', '#abc', '#1f6feb']) });
  } else if (r < 9) {
    const p = pick(partners);
    record(`updatePartner ${p.id}`);
    updatePartner(peer.doc, p.id, { name: word() || 'x', description: word() });
  } else if (r < 11 && partners.length > 1) {
    const p = pick(partners);
    const reassign = prng.bool(gen);
    const to = pick(partners.filter((q) => q.id !== p.id));
    record(`removePartner ${p.id} ${reassign ? `reassign ${to.id}` : 'remove'}`);
    removePartner(peer.doc, p.id, reassign ? { steps: 'reassign', to: to.id } : { steps: 'remove' });
  } else if (r < 13) {
    const ids = partners.map((p) => p.id);
    for (let k = ids.length - 1; k > 0; k--) {
      const j = prng.uint32(gen, 0, k);
      [ids[k], ids[j]] = [ids[j]!, ids[k]!];
    }
    record('reorderPartners');
    reorderPartners(peer.doc, ids.slice(0, prng.uint32(gen, 0, ids.length)));
  } else if (r < 16) {
    const p = pick(partners);
    record(`movePartner ${p.id}`);
    movePartner(peer.doc, p.id, prng.uint32(gen, 0, partners.length));
  } else if (r < 34 && !crowded) {
    record('addStep');
    addStep(peer.doc, {
      id: id('s'),
      partner: pick(partners).id,
      label: word(),
      kind: pick(STEP_KINDS),
      x: coord(),
      y: prng.uint32(gen, 0, 400),
    });
  } else if (steps.length === 0) {
    record('updateMeta');
    updateMeta(peer.doc, { title: word() });
  } else if (r < 42) {
    const s = pick(steps);
    record(`updateStep ${s.id}`);
    updateStep(peer.doc, s.id, prng.bool(gen) ? { label: word() } : { kind: pick(STEP_KINDS), contact: word() });
  } else if (r < 54) {
    const moving = Array.from({ length: prng.uint32(gen, 1, 4) }, () => pick(steps));
    record(`moveSteps ${moving.map((s) => s.id).join(',')}`);
    moveSteps(
      peer.doc,
      [...new Set(moving)].map((s) => ({ id: s.id, x: coord(), y: prng.uint32(gen, 0, 400) })),
    );
  } else if (r < 58) {
    const s = pick(steps);
    const p = pick(partners);
    record(`moveStepToPartner ${s.id} ${p.id}`);
    moveStepToPartner(peer.doc, s.id, p.id);
  } else if (r < (crowded ? 72 : 64)) {
    const gone = Array.from({ length: prng.uint32(gen, 1, 3) }, () => pick(steps).id);
    record(`removeSteps ${gone.join(',')}`);
    removeSteps(peer.doc, gone);
  } else if (r < 76 && steps.length > 1) {
    const from = pick(steps);
    const to = pick(steps.filter((s) => s.id !== from.id));
    record(`connect ${from.id} ${to.id}`);
    connect(peer.doc, { id: id('f'), from: from.id, to: to.id, label: word(), kind: pick(FLOW_KINDS) });
  } else if (r < 82 && flows.length > 0) {
    const f = pick(flows);
    record(`updateFlow ${f.id}`);
    updateFlow(peer.doc, f.id, { status: pick(FLOW_STATUSES), note: word(), label: word() });
  } else if (r < 86 && flows.length > 0) {
    const f = pick(flows);
    record(`disconnect ${f.id}`);
    disconnect(peer.doc, [f.id]);
  } else if (r < 94) {
    record('undo');
    peer.undo.undo();
  } else {
    record('redo');
    peer.undo.redo();
  }
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
