/**
 * Where flows leave and enter their steps (rule SH-R3): every flow leaves its source on the right
 * side and enters its target on the left side; when several share a side, their ends are spread
 * along it, so that two arrowheads never lie on top of each other. The canvas and the exports
 * route every flow with these.
 */
import type { Flow } from '../model/types.js';
import type { Box } from './route.js';

/** A flow's two ends, as offsets in y from the middle of its source's right and its target's left side. */
export interface FlowEnds {
  readonly from: number;
  readonly to: number;
}

/** Distance between neighbouring ends on a side, when the side has room: a koppelvlak's arrowhead is 18 px across. */
export const END_GAP = 18;
/** Ends keep this far from a side's top and bottom corner. */
const END_INSET = 6;

interface End {
  readonly flow: string;
  /** Where the other end of the flow lies: ends are ordered by it so that they do not cross. */
  readonly y: number;
  readonly x: number;
}

/**
 * The ends of every flow whose two steps have a box. A side with one end has it in the middle;
 * k ends are `END_GAP` apart (closer on a side too short for that), centred on the middle, in
 * the order of where their flows come from or go to (top first, then left first, then by id).
 * Depends only on the flows and the boxes, so every view spreads them the same way.
 */
export function flowEnds(
  flows: readonly Pick<Flow, 'id' | 'from' | 'to'>[],
  boxes: ReadonlyMap<string, Box>,
): Map<string, FlowEnds> {
  const out = new Map<string, End[]>();
  const into = new Map<string, End[]>();
  const add = (sides: Map<string, End[]>, step: string, end: End): void => {
    const list = sides.get(step);
    if (list) list.push(end);
    else sides.set(step, [end]);
  };
  for (const f of flows) {
    const from = boxes.get(f.from);
    const to = boxes.get(f.to);
    if (!from || !to) continue;
    add(out, f.from, { flow: f.id, y: to.y + to.height / 2, x: to.x });
    add(into, f.to, { flow: f.id, y: from.y + from.height / 2, x: from.x });
  }
  const fromOffsets = offsets(out, boxes);
  const toOffsets = offsets(into, boxes);
  const ends = new Map<string, FlowEnds>();
  for (const f of flows) {
    const from = fromOffsets.get(f.id);
    const to = toOffsets.get(f.id);
    if (from !== undefined && to !== undefined) ends.set(f.id, { from, to });
  }
  return ends;
}

/** Each end's offset from the middle of its side. */
function offsets(sides: Map<string, End[]>, boxes: ReadonlyMap<string, Box>): Map<string, number> {
  const result = new Map<string, number>();
  for (const [step, ends] of sides) {
    if (ends.length === 1) {
      result.set((ends[0] as End).flow, 0);
      continue;
    }
    const height = (boxes.get(step) as Box).height;
    ends.sort((a, b) => a.y - b.y || a.x - b.x || (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0));
    const k = ends.length;
    const gap = Math.min(END_GAP, Math.max(0, height - 2 * END_INSET) / (k - 1));
    ends.forEach((e, i) => result.set(e.flow, (i - (k - 1) / 2) * gap));
  }
  return result;
}
