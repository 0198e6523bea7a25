import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { crossings, flowEnds, readMap, routeFlow, stepBox, type Box, type Point, type Route } from '../src/index.js';
import { renderMap, type Drawing, type PathPrimitive } from '../src/render/index.js';
import { generateDoc } from './layout-maps.js';

const box = (x: number, y: number, width = 180, height = 64): Box => ({ x, y, width, height });
const LABEL = { width: 90, height: 20 };

/** Every run is horizontal or vertical, and the route starts and ends on the middle of the right/left sides. */
function expectOrthogonal(route: Route, from: Box, to: Box): void {
  const p = route.points;
  expect(p[0]).toEqual({ x: from.x + from.width, y: from.y + from.height / 2 });
  expect(p[p.length - 1]).toEqual({ x: to.x, y: to.y + to.height / 2 });
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1] as Point;
    const b = p[i] as Point;
    expect(a.x === b.x || a.y === b.y, `run ${i} from ${JSON.stringify(a)} to ${JSON.stringify(b)}`).toBe(true);
  }
  // Leaves to the right and enters from the left.
  expect((p[1] as Point).x).toBeGreaterThan((p[0] as Point).x);
  expect((p[p.length - 2] as Point).x).toBeLessThan((p[p.length - 1] as Point).x);
}

/** The label's box lies clear of lane borders and of every step. */
function expectLabelClear(route: Route, boxes: readonly Box[], borders: readonly number[]): void {
  const top = route.label.y - LABEL.height / 2;
  const bottom = route.label.y + LABEL.height / 2;
  for (const y of borders) expect(y < top || y > bottom, `label ${top}..${bottom} on border ${y}`).toBe(true);
  const r = { x: route.label.x - LABEL.width / 2, y: top, width: LABEL.width, height: LABEL.height };
  for (const b of boxes) {
    const overlaps = r.x < b.x + b.width && r.x + r.width > b.x && r.y < b.y + b.height && r.y + r.height > b.y;
    expect(overlaps, `label over step at ${b.x},${b.y}`).toBe(false);
  }
}

describe('routeFlow', () => {
  it('[SH-R1] a flow to the next step in the lane is one straight run', () => {
    const from = box(200, 30);
    const to = box(440, 30);
    const r = routeFlow({ from, to });
    expect(r.points).toEqual([
      { x: 380, y: 62 },
      { x: 440, y: 62 },
    ]);
  });

  it('[SH-R1] a koppelvlak to the next lane bends twice in the gap, its label off the lane border', () => {
    const from = box(440, 38);
    const to = box(680, 178);
    const borders = [0, 140, 280];
    const r = routeFlow({ from, to, borders, label: LABEL });
    expectOrthogonal(r, from, to);
    expect(r.points).toHaveLength(4);
    expect(crossings(r.points, [from, to])).toBe(0);
    expectLabelClear(r, [from, to], borders);
  });

  it('[SH-R1] goes around a step that stands in the way, in the source lane or the target lane', () => {
    const from = box(200, 38);
    const to = box(920, 178);
    // Steps between them in both lanes, at the rows the route would run along.
    const obstacles = [box(440, 38), box(680, 38), box(440, 178), box(680, 178)];
    const borders = [0, 140, 280];
    const r = routeFlow({ from, to, obstacles, borders, label: LABEL });
    expectOrthogonal(r, from, to);
    expect(crossings(r.points, [from, to, ...obstacles])).toBe(0);
    expectLabelClear(r, [from, to, ...obstacles], borders);
  });

  it('[SH-R1] a flow back to an earlier step goes around, out right and in left, crossing no step', () => {
    const from = box(920, 178);
    const to = box(440, 38);
    const obstacles = [box(680, 178)];
    const borders = [0, 140, 280];
    const r = routeFlow({ from, to, obstacles, borders, label: LABEL });
    expectOrthogonal(r, from, to);
    expect(crossings(r.points, [from, to, ...obstacles])).toBe(0);
    // Never along a lane border.
    for (let i = 1; i < r.points.length; i++) {
      const a = r.points[i - 1] as Point;
      const b = r.points[i] as Point;
      if (a.y === b.y) expect(borders).not.toContain(a.y);
    }
    expectLabelClear(r, [from, to, ...obstacles], borders);
  });

  it('[SH-R1] a flow within a column (one step below the other) crosses neither step', () => {
    const from = box(1160, 38);
    const to = box(1160, 178);
    const r = routeFlow({ from, to, borders: [0, 140, 280], label: LABEL });
    expectOrthogonal(r, from, to);
    expect(crossings(r.points, [from, to])).toBe(0);
  });

  it('[SH-R1] flows between random steps on a grid with gutters cross no other step (seeded)', () => {
    const seed = 99;
    const gen = prng.create(seed);
    for (let round = 0; round < 200; round++) {
      // 4 lanes x 8 columns, each cell holding a step or not; the lanes 140 high.
      const steps: Box[] = [];
      for (let lane = 0; lane < 4; lane++) {
        for (let col = 0; col < 8; col++) if (prng.bool(gen)) steps.push(box(200 + col * 240, lane * 140 + 38));
      }
      if (steps.length < 2) continue;
      const from = prng.oneOf(gen, steps);
      const to = prng.oneOf(
        gen,
        steps.filter((s) => s !== from),
      );
      const obstacles = steps.filter((s) => s !== from && s !== to);
      const borders = [0, 140, 280, 420, 560];
      const r = routeFlow({ from, to, obstacles, borders, label: LABEL });
      const context = `seed ${seed}, round ${round}: ${JSON.stringify({ from, to })}`;
      expect(crossings(r.points, [from, to, ...obstacles]), context).toBe(0);
      const top = r.label.y - LABEL.height / 2;
      for (const y of borders) expect(y < top || y > top + LABEL.height, context).toBe(true);
    }
  });

  it('[SH-R1] crossings counts a run through a box, not one along its outline', () => {
    const b = box(100, 100, 100, 50);
    expect(
      crossings(
        [
          { x: 0, y: 125 },
          { x: 300, y: 125 },
        ],
        [b],
      ),
    ).toBe(1);
    expect(
      crossings(
        [
          { x: 0, y: 100 },
          { x: 300, y: 100 },
        ],
        [b],
      ),
    ).toBe(0);
    expect(
      crossings(
        [
          { x: 200, y: 125 },
          { x: 300, y: 125 },
        ],
        [b],
      ),
    ).toBe(0);
    expect(
      crossings(
        [
          { x: 150, y: 0 },
          { x: 150, y: 300 },
        ],
        [b],
      ),
    ).toBe(1);
  });
});

describe('flow ends', () => {
  /** Each flow's first and last point in the export's drawing: the start of its line and the tip of its arrowhead. */
  function drawnEnds(d: Drawing): Map<string, { start: Point; tip: Point }> {
    const ends = new Map<string, { start: Point; tip: Point }>();
    for (const g of d.groups) {
      if (g.role !== 'flow' || g.id === undefined) continue;
      const [line, head] = g.items as [PathPrimitive, PathPrimitive];
      const start = line.d[0] as Point & { op: string };
      const tip = head.d[0] as Point & { op: string };
      ends.set(g.id, { start: { x: start.x, y: start.y }, tip: { x: tip.x, y: tip.y } });
    }
    return ends;
  }

  it('[SH-R3] no two flow ends on the same side of a step coincide: seeded maps, canvas routing and the export', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const map = readMap(generateDoc({ steps: 60, partners: 4, seed, odd: true }));
      const drawing = drawnEnds(renderMap(map, { mapOnly: true }));
      // Flows by the step side they end on: the target's left side, the source's right side.
      const sides = new Map<string, { flow: string; at: Point }[]>();
      const put = (key: string, flow: string, at: Point): void => {
        sides.set(key, [...(sides.get(key) ?? []), { flow, at }]);
      };
      for (const f of map.flows) {
        const ends = drawing.get(f.id);
        if (!ends) continue;
        put(`${f.to} left`, f.id, ends.tip);
        put(`${f.from} right`, f.id, ends.start);
      }
      let shared = 0;
      for (const [side, ends] of sides) {
        if (ends.length > 1) shared++;
        for (let i = 0; i < ends.length; i++)
          for (let j = i + 1; j < ends.length; j++) {
            const a = ends[i]!.at;
            const b = ends[j]!.at;
            expect(a.x, `seed ${seed}: ${side}`).toBeCloseTo(b.x, 6);
            expect(
              Math.abs(a.y - b.y),
              `seed ${seed}: ${ends[i]!.flow} and ${ends[j]!.flow} on ${side}`,
            ).toBeGreaterThanOrEqual(4);
          }
      }
      expect(shared, `seed ${seed}: sides with more than one flow`).toBeGreaterThan(5);
    }
  });

  it('[SH-R3] ends lie on their side, in the order of the other ends, one alone in the middle', () => {
    for (const seed of [6, 7, 8]) {
      const map = readMap(generateDoc({ steps: 80, partners: 5, seed }));
      const boxes = new Map(map.steps.map((s) => [s.id, { x: s.x, y: s.y * 3, ...stepBox(s) }] as const));
      const ends = flowEnds(map.flows, boxes);
      const into = new Map<string, string[]>();
      for (const f of map.flows) into.set(f.to, [...(into.get(f.to) ?? []), f.id]);
      for (const [step, flows] of into) {
        const box = boxes.get(step)!;
        const at = flows.map((id) => ends.get(id)!.to);
        if (flows.length === 1) expect(at[0]).toBe(0);
        for (const dy of at) expect(Math.abs(dy)).toBeLessThanOrEqual(box.height / 2);
        // Top to bottom in the order their sources lie, top to bottom: lines into a side do not cross there.
        const byEnd = [...flows].sort((a, b) => ends.get(a)!.to - ends.get(b)!.to);
        const sourceY = (id: string): number => {
          const b = boxes.get(map.flows.find((f) => f.id === id)!.from)!;
          return b.y + b.height / 2;
        };
        for (let i = 1; i < byEnd.length; i++)
          expect(sourceY(byEnd[i]!)).toBeGreaterThanOrEqual(sourceY(byEnd[i - 1]!));
        // The routes end there.
        for (const id of flows) {
          const f = map.flows.find((g) => g.id === id)!;
          const route = routeFlow({ from: boxes.get(f.from)!, to: box, ends: ends.get(id) });
          expect(route.points.at(-1)).toEqual({ x: box.x, y: box.y + box.height / 2 + ends.get(id)!.to });
        }
      }
    }
  });
});
