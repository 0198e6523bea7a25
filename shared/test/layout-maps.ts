import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { newEntity, roots } from '../src/model/doc.js';
import {
  addPartner,
  addStep,
  connect,
  GEOMETRY,
  moveSteps,
  type LayoutResult,
  laneBands,
  type MapSnapshot,
  readMap,
  type SizeOf,
  stepBox,
  type Step,
} from '../src/index.js';

export interface MapShape {
  readonly steps: number;
  readonly partners: number;
  readonly seed: number;
  /** Add what peers and old files leave behind: orphans, dangling flows, self loops, cycles, lone steps. */
  readonly odd?: boolean;
}

/**
 * A seeded chain map in a fresh doc: steps spread over lanes at random positions, each linked
 * to one or two earlier steps (like bench/lib/generate.ts), optionally with odd data written
 * straight into the doc the way a peer could.
 */
export function generateDoc(shape: MapShape): Y.Doc {
  const gen = prng.create(shape.seed);
  const doc = new Y.Doc();
  doc.clientID = shape.seed + 1;
  for (let p = 0; p < shape.partners; p++) addPartner(doc, { id: `p${p}`, name: `Partner ${p}`, order: p });
  for (let i = 0; i < shape.steps; i++) {
    addStep(doc, {
      id: `s${i}`,
      partner: `p${prng.uint32(gen, 0, shape.partners - 1)}`,
      label: `Stap ${i} ${prng.word(gen, 2, 40)}`,
      x: prng.uint32(gen, 0, 4_000),
      y: prng.uint32(gen, 0, 400),
    });
  }
  let f = 0;
  for (let i = 1; i < shape.steps; i++) {
    // Every fifth step of an odd map has no flow at all.
    if (shape.odd && i % 5 === 0) continue;
    const links = prng.uint32(gen, 1, 2);
    for (let l = 0; l < links; l++) {
      connect(doc, { id: `f${f++}`, from: `s${prng.uint32(gen, Math.max(0, i - 12), i - 1)}`, to: `s${i}` });
    }
  }
  if (shape.odd && shape.steps > 3) {
    const r = roots(doc);
    doc.transact(() => {
      // Orphans: their partner is gone, so they are drawn in the unassigned lane.
      for (let i = 0; i < 3; i++) {
        r.steps.set(
          `orphan${i}`,
          newEntity({ partner: 'gone', label: `Wees ${i}`, kind: 'activity', x: 40 * i, y: 0 }),
        );
      }
      r.flows.set('to-orphan', newEntity({ from: 's1', to: 'orphan0', label: '' }));
      r.flows.set('dangling', newEntity({ from: 's0', to: 'nowhere', label: '' }));
      r.flows.set('self', newEntity({ from: 's2', to: 's2', label: '' }));
      // Cycles: back to earlier steps, and a duplicate flow.
      r.flows.set('back1', newEntity({ from: `s${shape.steps - 1}`, to: 's0', label: '' }));
      r.flows.set('back2', newEntity({ from: 's3', to: 's1', label: '' }));
      r.flows.set('twice', newEntity({ from: 's0', to: 's1', label: '' }));
    });
  }
  return doc;
}

/** Boxes that grow with their label, as the canvas's will: taller for a longer label, some wider. */
export const growingSize: SizeOf = (step: Step) => ({
  width: GEOMETRY.stepWidth + (step.label.length % 3 === 0 ? 60 : 0),
  height: GEOMETRY.stepHeight + 18 * Math.floor(step.label.length / 14),
});

/** Runs `check` and names the seed in any failure, so it can be replayed. */
export function withSeed<T>(seed: number, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof Error) e.message = `seed ${seed}: ${e.message}`;
    throw e;
  }
}

export interface Placed {
  readonly id: string;
  readonly partner: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * The map as it will be drawn after a layout: every step's absolute box (sizes from `sizeOf`),
 * lanes from `result.lanes`. Steps the layout did not move keep their position.
 */
export function drawn(map: MapSnapshot, result: LayoutResult, sizeOf: SizeOf): Placed[] {
  const top = new Map(result.lanes.map((b) => [b.partner, b.top]));
  const moved = new Map(result.moves.map((m) => [m.id, m]));
  return map.steps.map((s) => {
    const m = moved.get(s.id) ?? s;
    const size = sizeOf(s);
    const y = (top.get(s.partner) ?? Number.NaN) + m.y;
    return { id: s.id, partner: s.partner, left: m.x, top: y, right: m.x + size.width, bottom: y + size.height };
  });
}

/** Pairs of boxes that overlap (touching is fine). */
export function overlaps(boxes: readonly Placed[]): string[] {
  const sorted = [...boxes].sort((a, b) => a.left - b.left);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.left < a.right; j++) {
      const b = sorted[j]!;
      if (a.top < b.bottom && b.top < a.bottom) out.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return out;
}

/** Steps whose box is not wholly inside their own lane's band, padding included. */
export function outsideLane(boxes: readonly Placed[], result: LayoutResult): string[] {
  const band = new Map(result.lanes.map((b) => [b.partner, b]));
  return boxes
    .filter((b) => {
      const lane = band.get(b.partner);
      return (
        !lane || b.top < lane.top + GEOMETRY.lanePadding || b.bottom > lane.top + lane.height - GEOMETRY.lanePadding
      );
    })
    .map((b) => `${b.id} (${b.top}..${b.bottom}) outside lane ${b.partner}`);
}

/** The same check on the document itself after applying, with the app's own lane bands. */
export function outsideDrawnLane(doc: Y.Doc): string[] {
  const map = readMap(doc);
  const bands = new Map(laneBands(map).map((b) => [b.partner, b]));
  return map.steps
    .filter((s) => {
      const lane = bands.get(s.partner);
      return !lane || s.y < GEOMETRY.lanePadding || s.y + stepBox(s).height > lane.height - GEOMETRY.lanePadding;
    })
    .map((s) => `${s.id} at y ${s.y} outside lane ${s.partner}`);
}

/**
 * Moves every step somewhere else, as people dragging would. Steps without flows keep their
 * left-to-right order, the one thing about positions a layout of the whole map keeps.
 */
export function scramble(doc: Y.Doc): void {
  const map = readMap(doc);
  const linked = new Set(map.flows.flatMap((f) => (f.from === f.to ? [] : [f.from, f.to])));
  moveSteps(
    doc,
    map.steps.map((s, i) => ({
      id: s.id,
      x: linked.has(s.id) ? (i * 7919) % 3000 : s.x,
      y: (i * 104729) % 500,
    })),
  );
}
