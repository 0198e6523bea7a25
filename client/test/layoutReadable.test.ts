/**
 * Issue 12: "flows are drawn so that koppelvlakken stay readable after layout: routed between
 * lanes, their labels not on top of steps". The template and seeded generated maps are laid out
 * (shared's lane layout, Node's ELK, the default `stepBox` sizes), then derived as the canvas
 * derives them (MapDeriver, CL-R15); on that geometry no flow label's box touches a step's box,
 * and no koppelvlak runs through a step other than its own two.
 */
import {
  applyLayout,
  applyMapFile,
  crossings,
  flowLabelSize,
  laneBands,
  layoutSnapshot,
  readMap,
  stepBox,
  type Box,
  type MapFile,
} from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapDeriver } from '../src/canvas/derive/MapDeriver';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';

/** A seeded chain: steps over lanes, each linked to one or two shortly before it, some long labels. */
function generated(steps: number, partners: number, seed: number): MapFile {
  let state = seed >>> 0;
  const next = (n: number): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) % n;
  const words = ['aanvraag', 'beoordelen', 'gegevens', 'controleren', 'melding', 'verwerken', 'register'];
  const kinds = ['start', 'activity', 'activity', 'decision', 'register', 'end'] as const;
  return {
    format: 'ketenkaart',
    version: 1,
    title: 'Gegenereerd',
    partners: Array.from({ length: partners }, (_, i) => ({ id: `p${i}`, name: `Partner ${i}` })),
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `s${i}`,
      partner: `p${next(partners)}`,
      label: `Stap ${i} ${Array.from({ length: 1 + next(i % 4 === 0 ? 9 : 3) }, () => words[next(words.length)]).join(' ')}`,
      kind: kinds[next(kinds.length)]!,
    })),
    flows: Array.from({ length: steps - 1 }, (_, k) => k + 1).flatMap((i) =>
      Array.from({ length: 1 + next(2) }, (_, l) => ({
        id: `f${i}-${l}`,
        from: `s${Math.max(0, i - 1 - next(12))}`,
        to: `s${i}`,
        label: `${words[next(words.length)]} ${i}`,
        status: (['ok', 'ok', 'attention', 'problem'] as const)[next(4)],
      })),
    ),
  };
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** What is unreadable on the laid-out map as the canvas draws it. */
async function unreadable(file: MapFile): Promise<{ labelsOnSteps: string[]; koppelvlakThroughSteps: string[] }> {
  const doc = new Y.Doc();
  applyMapFile(doc, file);
  applyLayout(doc, (await layoutSnapshot(readMap(doc), createNodeElk())).moves);
  const map = readMap(doc);
  const top = new Map(laneBands(map).map((b) => [b.partner, b.top]));
  const boxes = new Map(
    map.steps.map((s) => {
      const { width, height } = stepBox(s);
      return [s.id, { x: s.x, y: (top.get(s.partner) ?? 0) + s.y, width, height }];
    }),
  );
  const derived = new MapDeriver().derive(map, { selected: new Set(), editable: true });
  const labelsOnSteps: string[] = [];
  const koppelvlakThroughSteps: string[] = [];
  for (const edge of derived.edges) {
    const data = edge.data!;
    const route = derived.routes.get(edge.id)!.route;
    const size = flowLabelSize(data.flow);
    if (size) {
      const label = { x: route.label.x - size.width / 2, y: route.label.y - size.height / 2, ...size };
      for (const [id, box] of boxes) if (overlap(label, box)) labelsOnSteps.push(`${edge.id} label on ${id}`);
    }
    if (data.koppelvlak) {
      const others = [...boxes].filter(([id]) => id !== edge.source && id !== edge.target).map(([, b]) => b);
      if (crossings(route.points, others) > 0) koppelvlakThroughSteps.push(edge.id);
    }
  }
  return { labelsOnSteps, koppelvlakThroughSteps };
}

describe('after a layout, flows stay readable (issue 12)', () => {
  it('[SH-LY12] [CL-R15] the template: no flow label on a step, no koppelvlak through a step', async () => {
    expect(await unreadable(loonaangifteketen)).toEqual({ labelsOnSteps: [], koppelvlakThroughSteps: [] });
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`[SH-LY12] [CL-R15] a generated 150-step map (seed ${seed}): no flow label on a step, no koppelvlak through one`, async () => {
      expect(await unreadable(generated(150, 8, seed)), `seed ${seed}`).toEqual({
        labelsOnSteps: [],
        koppelvlakThroughSteps: [],
      });
    });
  }
});
