import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** Every relative import under src/, both ends as paths relative to src/ (`ops/steps.ts` -> `model/doc.ts`). */
const imports = files(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(([, spec]) => ({
    from: relative(SRC, file),
    to: relative(SRC, resolve(dirname(file), spec ?? '')).replace(/\.js$/, '.ts'),
  })),
);
/** The folder a file is in (`model`, `json`), or the file's own name at the top (`read.ts`). */
const area = (path: string): string => path.split('/')[0] ?? path;
const show = (list: typeof imports): string[] => list.map((i) => `${i.from} imports ${i.to}`);

describe('[SH-Y1] imports inside shared point one way', () => {
  it('sees the imports it checks', () => {
    expect(imports.some((i) => i.from === 'index.ts' && area(i.to) === 'json')).toBe(true);
    expect(imports.some((i) => area(i.from) === 'ops' && area(i.to) === 'model')).toBe(true);
  });

  it('only json/ itself and index.ts import from json/', () => {
    const wrong = imports.filter((i) => area(i.to) === 'json' && area(i.from) !== 'json' && i.from !== 'index.ts');
    expect(show(wrong)).toEqual([]);
  });

  it('only layout/ itself, index.ts and node-elk.ts import from layout/', () => {
    const wrong = imports.filter(
      (i) => area(i.to) === 'layout' && area(i.from) !== 'layout' && !['index.ts', 'node-elk.ts'].includes(i.from),
    );
    expect(show(wrong)).toEqual([]);
    expect(imports.some((i) => area(i.from) === 'layout' && area(i.to) === 'ops')).toBe(true);
  });

  it('history/ imports only model/, and only index.ts imports history/', () => {
    const wrong = imports.filter(
      (i) =>
        (area(i.from) === 'history' && !['history', 'model'].includes(area(i.to))) ||
        (area(i.to) === 'history' && area(i.from) !== 'history' && i.from !== 'index.ts'),
    );
    expect(show(wrong)).toEqual([]);
    expect(imports.some((i) => i.from === 'index.ts' && area(i.to) === 'history')).toBe(true);
  });

  it('chain/ imports only model/, graph.ts and itself; only index.ts imports chain/', () => {
    const out = imports.filter((i) => area(i.from) === 'chain' && !['chain', 'model', 'graph.ts'].includes(area(i.to)));
    const into = imports.filter((i) => area(i.to) === 'chain' && !['chain', 'index.ts'].includes(area(i.from)));
    expect(show([...out, ...into])).toEqual([]);
    expect(imports.some((i) => area(i.from) === 'chain' && area(i.to) === 'model')).toBe(true);
  });

  it('only render/ itself and index.ts import from render/; render/ never imports json/, layout/ or ops/', () => {
    const wrong = imports.filter((i) => area(i.to) === 'render' && area(i.from) !== 'render' && i.from !== 'index.ts');
    expect(show(wrong)).toEqual([]);
    const uses = imports.filter((i) => area(i.from) === 'render' && ['json', 'layout', 'ops'].includes(area(i.to)));
    expect(show(uses)).toEqual([]);
    expect(imports.some((i) => area(i.from) === 'render' && area(i.to) === 'geometry')).toBe(true);
  });

  it('model/ imports nothing of shared outside model/', () => {
    const wrong = imports.filter((i) => area(i.from) === 'model' && area(i.to) !== 'model');
    expect(show(wrong)).toEqual([]);
  });
});
