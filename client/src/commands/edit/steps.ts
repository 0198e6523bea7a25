import {
  addStep,
  freeSpot,
  GEOMETRY,
  moveSteps,
  readMap,
  stepBox,
  UNASSIGNED_ID,
  updateStep,
  type MapSnapshot,
  type StepMove,
  type StepPatch,
} from '@ketenkaart/shared';
import type * as Y from 'yjs';

/** A free spot in a lane: right of its right-most step, as wide as that step is drawn. */
function spotAfterLast(map: MapSnapshot, partner: string): { x: number; y: number } {
  let right: number = GEOMETRY.laneHeaderWidth;
  for (const s of map.steps) if (s.partner === partner) right = Math.max(right, s.x + stepBox(s).width);
  return { x: right + GEOMETRY.columnGap / 2, y: GEOMETRY.lanePadding + 14 };
}

/** Adds a step at the next free place in a lane; returns its id. */
export function addStepInLane(doc: Y.Doc, partner: string, label: string): string {
  const spot = spotAfterLast(readMap(doc), partner);
  return addStep(doc, { partner, label, ...spot });
}

/** Adds a step at a place in a lane (`y` relative to the lane's top); returns its id. */
export function addStepAt(doc: Y.Doc, partner: string, label: string, x: number, y: number): string {
  return addStep(doc, { partner, label, x, y });
}

/** Changes a step's label, kind, description or contact. */
export function editStep(doc: Y.Doc, id: string, patch: StepPatch): void {
  updateStep(doc, id, patch);
}

/**
 * Moves a step to another lane, to a free spot there (rule CL-E5): its own x, and its own y
 * when nothing is there, else the first free row (shared's `freeSpot`). One transaction.
 */
export function moveStepToLane(doc: Y.Doc, id: string, partner: string): void {
  const map = readMap(doc);
  const step = map.stepById.get(id);
  if (!step || step.partner === partner || partner === UNASSIGNED_ID || !map.partnerById.has(partner)) return;
  const others = map.steps.filter((s) => s.partner === partner && s.id !== id);
  moveSteps(doc, [{ id, partner, ...freeSpot(others, step) }]);
}

/** Puts steps at new places (a drag or the arrow keys), in one transaction. */
export function placeSteps(doc: Y.Doc, moves: readonly StepMove[]): void {
  moveSteps(doc, moves);
}
