/**
 * Seeded random model operations, as an editor makes them: every shared op, undo and redo,
 * chosen from what the doc holds. Used by the convergence test (SH-C1) and by the server's test
 * that honest edits pass its structure check (SV-D1).
 */
import * as prng from 'lib0/prng';
import type * as Y from 'yjs';
import {
  addPartner,
  addStep,
  connect,
  disconnect,
  FLOW_KINDS,
  FLOW_STATUSES,
  movePartner,
  moveSteps,
  moveStepToPartner,
  readMap,
  removePartner,
  removeSteps,
  reorderPartners,
  STEP_KINDS,
  updateFlow,
  updateMeta,
  updatePartner,
  updateStep,
} from '../src/index.js';

/** An editor: its doc and its undo manager (tracking local edits). */
export interface EditingPeer {
  readonly doc: Y.Doc;
  readonly undo: Y.UndoManager;
}

/** One random model operation (or undo/redo) on a peer, chosen from what that peer sees. */
export function randomOp(gen: prng.PRNG, peer: EditingPeer, log: string[], who: number): void {
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
