import type { MapSnapshot, Step } from '@ketenkaart/shared';
import { laneNodeId } from '../../store/laneNodeIds';

/** Steps of one lane in the order the chain is read: left to right, then top to bottom. */
function byPlace(a: Step, b: Step): number {
  return a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The order in which the keyboard visits the map (rule CL-K1): each lane (top to bottom)
 * followed by its steps in flow order (left to right, then top to bottom), then every flow,
 * ordered by where its from-step and then its to-step come. Ids are React Flow node and edge ids.
 */
export function readingOrder(map: MapSnapshot): string[] {
  const ids: string[] = [];
  const rank = new Map<string, number>();
  const lanes = new Map<string, Step[]>();
  for (const s of map.steps) {
    const list = lanes.get(s.partner);
    if (list) list.push(s);
    else lanes.set(s.partner, [s]);
  }
  for (const p of map.partners) {
    ids.push(laneNodeId(p.id));
    for (const s of (lanes.get(p.id) ?? []).sort(byPlace)) {
      rank.set(s.id, rank.size);
      ids.push(s.id);
    }
  }
  const at = (id: string): number => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  const flows = [...map.flows].sort((a, b) => at(a.from) - at(b.from) || at(a.to) - at(b.to));
  for (const f of flows) ids.push(f.id);
  return ids;
}

/** Candidate targets for a flow from `from`: every other step, in reading order. */
export function stepsInReadingOrder(map: MapSnapshot): Step[] {
  return readingOrder(map).flatMap((id) => {
    const step = map.stepById.get(id);
    return step ? [step] : [];
  });
}
