/**
 * Where flows are drawn, as a person sees them: every flow between two steps in view has a path
 * that starts on its source's right side and ends on its target's left side (client rule CL-R14).
 */
import type { MapFile } from '@ketenkaart/shared';
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { PATIENCE } from './map-page.js';

interface DrawnFlow {
  readonly id: string;
  /** How far the path's first point lies from the source step's right side, and its last from the target's left side (screen px). */
  readonly startOff: number;
  readonly endOff: number;
  /** The path's first and last point on screen. */
  readonly start: { readonly x: number; readonly y: number };
  readonly end: { readonly x: number; readonly y: number };
}

/**
 * Every flow path React Flow has drawn, with how far its two ends lie from the sides of
 * its steps on screen (0 when the start is on the source's right side and the end on the
 * target's left side). A flow with no path is reported with Infinity; one whose steps are not
 * both on the page is left out.
 */
function drawnFlows(page: Page, ends: Record<string, readonly [string, string]>): Promise<DrawnFlow[]> {
  return page.evaluate((ends) => {
    const offSide = (p: DOMPoint, r: DOMRect, x: number): number => {
      const dy = p.y < r.top ? r.top - p.y : p.y > r.bottom ? p.y - r.bottom : 0;
      return Math.hypot(p.x - x, dy);
    };
    const out: {
      id: string;
      startOff: number;
      endOff: number;
      start: { x: number; y: number };
      end: { x: number; y: number };
    }[] = [];
    for (const g of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const id = g.getAttribute('data-id') ?? '';
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const [from, to] = ends[id] ?? ['', ''];
      const source = document.querySelector(`.react-flow__node[data-id="${from}"]`)?.getBoundingClientRect();
      const target = document.querySelector(`.react-flow__node[data-id="${to}"]`)?.getBoundingClientRect();
      const ctm = path?.getScreenCTM();
      if (!path || !ctm) {
        out.push({ id, startOff: Infinity, endOff: Infinity, start: { x: NaN, y: NaN }, end: { x: NaN, y: NaN } });
        continue;
      }
      // A flow to a step off screen (React Flow renders only what is in view) is judged when both are.
      if (!source || !target) continue;
      const total = path.getTotalLength();
      const start = path.getPointAtLength(0).matrixTransform(ctm);
      const end = path.getPointAtLength(total).matrixTransform(ctm);
      out.push({
        id,
        startOff: offSide(start, source, source.right),
        endOff: offSide(end, target, target.left),
        start: { x: start.x, y: start.y },
        end: { x: end.x, y: end.y },
      });
    }
    return out;
  }, ends);
}

/** The ids of the steps React Flow has on the page that lie wholly inside the canvas. */
export function stepsInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node-step')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
      })
      .map((el) => el.dataset.id ?? '');
  });
}

export const zoomOf = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
    return Number(/scale\(([-\d.e]+)\)/.exec(t)?.[1] ?? Number.NaN);
  });

/**
 * Checks that every flow between two steps wholly in view is drawn, and that every drawn
 * flow starts on its source's side and ends on its target's (within 1.5 screen px). `all`: every
 * flow of the map must be in view; `noneInViewIsFine`: a view without a whole flow passes.
 */
export async function expectFlowsOnTheirSteps(
  page: Page,
  file: MapFile,
  all = false,
  noneInViewIsFine = false,
): Promise<number> {
  const ends = Object.fromEntries(file.flows.map((f) => [f.id, [f.from, f.to] as const]));
  let checked = 0;
  await vi.waitFor(async () => {
    const inView = new Set(await stepsInView(page));
    const expected = file.flows.filter((f) => inView.has(f.from) && inView.has(f.to)).map((f) => f.id);
    if (all) expect(expected).toHaveLength(file.flows.length);
    if (!noneInViewIsFine) expect(expected.length).toBeGreaterThan(0);
    const drawn = await drawnFlows(page, ends);
    const byId = new Map(drawn.map((d) => [d.id, d]));
    const missing = expected.filter((id) => !byId.has(id));
    expect(missing, 'flows between steps in view that have no path').toEqual([]);
    const astray = drawn.filter((d) => d.startOff > 1.5 || d.endOff > 1.5);
    expect(astray, 'paths that do not start and end on their steps').toEqual([]);
    checked = expected.length;
  }, PATIENCE);
  return checked;
}

/**
 * Checks that no two drawn flows end at the same point of a step's side, nor start at the same
 * point (shared rule SH-R3: their ends are spread along the side, so two arrowheads never lie on
 * top of each other): ends on one side at least 3 map px apart. Waits (as a person looks at a
 * settled view) until at least one side in view holds more than one drawn end, and returns how
 * many sides do.
 */
export async function expectEndsApart(page: Page, file: MapFile): Promise<number> {
  const ends = Object.fromEntries(file.flows.map((f) => [f.id, [f.from, f.to] as const]));
  let shared = 0;
  await vi.waitFor(async () => {
    const zoom = await zoomOf(page);
    const drawn = (await drawnFlows(page, ends)).filter((d) => Number.isFinite(d.startOff));
    const sides = new Map<string, { id: string; at: { x: number; y: number } }[]>();
    for (const d of drawn) {
      const [from, to] = ends[d.id] ?? ['', ''];
      sides.set(`${to} left`, [...(sides.get(`${to} left`) ?? []), { id: d.id, at: d.end }]);
      sides.set(`${from} right`, [...(sides.get(`${from} right`) ?? []), { id: d.id, at: d.start }]);
    }
    const together: string[] = [];
    shared = 0;
    for (const [side, list] of sides) {
      if (list.length > 1) shared++;
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          if (Math.hypot(a.at.x - b.at.x, a.at.y - b.at.y) / zoom < 3) together.push(`${a.id} and ${b.id} on ${side}`);
        }
    }
    expect(together, 'flows ending at the same point of a step').toEqual([]);
    expect(shared, `sides with more than one drawn end (${drawn.length} flows drawn at zoom ${zoom})`).toBeGreaterThan(
      0,
    );
  }, PATIENCE);
  return shared;
}
