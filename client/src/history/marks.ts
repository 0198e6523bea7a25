import type { MapDiff } from '@ketenkaart/shared';
import { laneNodeId } from '../store/laneNodeIds';

/** How a thing on the canvas differs in a comparison (rule CL-V3). */
export type Mark = 'added' | 'removed' | 'edited' | 'moved';
export const MARKS: readonly Mark[] = ['added', 'removed', 'edited', 'moved'];

/**
 * The mark of every node and edge a diff touches, by React Flow id (steps and flows by their
 * id, lanes by their lane node id). A change that moved and edited is marked edited.
 */
export function marksOf(d: MapDiff): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  const lane = (id: string) => laneNodeId(id);
  for (const p of d.partners.added) marks.set(lane(p.id), 'added');
  for (const p of d.partners.removed) marks.set(lane(p.id), 'removed');
  for (const c of d.partners.changed) marks.set(lane(c.id), c.edited ? 'edited' : 'moved');
  for (const kind of [d.steps, d.flows] as const) {
    for (const e of kind.added) marks.set(e.id, 'added');
    for (const e of kind.removed) marks.set(e.id, 'removed');
    for (const c of kind.changed) marks.set(c.id, c.edited ? 'edited' : 'moved');
  }
  return marks;
}
