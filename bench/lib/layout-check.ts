import { GEOMETRY, laneBands, stepBox, type MapSnapshot } from '@ketenkaart/shared';

/**
 * What is wrong with a laid-out map as it is drawn (shared rules SH-LY3, SH-LY5): a step outside
 * its own lane's band (or in its padding), or two steps overlapping, with the sizes `stepBox`
 * gives them (the canvas's). Empty when the layout is right.
 */
export function layoutProblems(map: MapSnapshot): string[] {
  const out: string[] = [];
  const band = new Map(laneBands(map).map((b) => [b.partner, b]));
  const boxes = map.steps.map((s) => {
    const { width, height } = stepBox(s);
    const lane = band.get(s.partner);
    if (!lane || s.y < GEOMETRY.lanePadding || s.y + height > lane.height - GEOMETRY.lanePadding)
      out.push(`${s.id} outside lane ${s.partner}`);
    return { id: s.id, x: s.x, y: (lane?.top ?? 0) + s.y, width, height };
  });
  boxes.sort((a, b) => a.x - b.x);
  const widest = boxes.reduce((m, b) => Math.max(m, b.width), 0);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < a.x + widest; j++) {
      const b = boxes[j]!;
      if (b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return out;
}
