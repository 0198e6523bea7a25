import type * as Y from 'yjs';
import { moveSteps, type StepMove } from '../ops/steps.js';
import { ORIGINS, type Origin } from '../origins.js';

/**
 * Writes a layout in one transaction with origin `layout` (rule SH-LY8): one undo step for a
 * client that tracks that origin, one update for everyone. Only changed coordinates are
 * written, so applying a layout the map already has writes nothing. Steps removed meanwhile
 * are skipped; returns how many steps the moves found.
 */
export function applyLayout(doc: Y.Doc, moves: readonly StepMove[], origin: Origin = ORIGINS.layout): number {
  return moveSteps(doc, moves, origin);
}
