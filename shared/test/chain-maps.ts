/** Hand-made and seeded chain maps for the chain query tests (SH-Q). */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { importJson, readMap, type MapFile, type MapSnapshot } from '../src/index.js';

type StepSpec = string | { readonly id: string; readonly contact?: string; readonly x?: number };

/**
 * A snapshot from lanes of step ids and flows written `from>to` or `from>to:Label` (a document)
 * or `from>to~` (a sequence); steps are placed left to right in the order given.
 */
export function chainMap(lanes: Record<string, readonly StepSpec[]>, flows: readonly string[]): MapSnapshot {
  let x = 0;
  const file: MapFile = {
    format: 'ketenkaart',
    version: 1,
    title: 'test',
    partners: Object.keys(lanes).map((id) => ({ id, name: `Partner ${id}` })),
    steps: Object.entries(lanes).flatMap(([partner, steps]) =>
      steps.map((s) => {
        const spec = typeof s === 'string' ? { id: s } : s;
        x += 200;
        return { id: spec.id, partner, label: `Stap ${spec.id}`, contact: spec.contact ?? '', x: spec.x ?? x, y: 24 };
      }),
    ),
    flows: flows.map((text, i) => {
      const m = /^([^>]+)>([^:~]+)(~|:(.*))?$/.exec(text);
      if (!m) throw new Error(`bad flow ${text}`);
      return {
        id: `f${i}`,
        from: m[1] as string,
        to: m[2] as string,
        label: m[4] ?? '',
        kind: m[3] === '~' ? ('sequence' as const) : ('document' as const),
      };
    }),
  };
  const doc = new Y.Doc();
  importJson(doc, JSON.stringify(file));
  return readMap(doc);
}

/**
 * A seeded random map: `steps` steps over `partners` lanes, flows between any two steps (also
 * backwards, so cycles; sometimes a self-loop), labels from a small set so documents repeat.
 */
export function randomChainMap(seed: number, steps: number, partners: number, flows: number): MapSnapshot {
  const gen = prng.create(seed);
  const lanes: Record<string, string[]> = {};
  for (let p = 0; p < partners; p++) lanes[`p${p}`] = [];
  for (let s = 0; s < steps; s++) lanes[`p${prng.uint32(gen, 0, partners - 1)}`]?.push(`s${s}`);
  const list: string[] = [];
  for (let f = 0; f < flows; f++) {
    const from = prng.uint32(gen, 0, steps - 1);
    const to = prng.bool(gen) ? Math.min(steps - 1, from + prng.uint32(gen, 0, 3)) : prng.uint32(gen, 0, steps - 1);
    list.push(`s${from}>s${to}:${prng.oneOf(gen, ['Besluit', 'besluit ', 'Aanvraag', 'Melding', ''])}`);
  }
  return chainMap(lanes, list);
}
