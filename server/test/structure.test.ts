import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** Each part of server/src (a folder, or a file at the top) and its layer: higher imports lower. */
const LAYERS: Readonly<Record<string, number>> = {
  'server.ts': 6,
  cluster: 5,
  'main.ts': 8,
  cli: 7,
  'index.ts': 7,
  'startup-error.ts': 1,
  socket: 5,
  http: 5,
  links: 4,
  rooms: 3,
  history: 4,
  document: 2,
  work: 3,
  'config.ts': 2,
  storage: 1,
  'errors.ts': 1,
  'metrics.ts': 1,
  'logger.ts': 1,
  'client-address.ts': 1,
};

/** Every relative import under src/, both ends as paths relative to src/. */
const imports = files(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(([, spec]) => ({
    from: relative(SRC, file),
    to: relative(SRC, resolve(dirname(file), spec ?? '')).replace(/\.js$/, '.ts'),
  })),
);
const part = (path: string): string => path.split('/')[0] ?? path;

describe('[SV-Y1] imports inside the server point one way', () => {
  it('places every folder and top-level file in a layer', () => {
    const parts = new Set(files(SRC).map((f) => part(relative(SRC, f))));
    expect([...parts].filter((p) => LAYERS[p] === undefined)).toEqual([]);
    expect(Object.keys(LAYERS).filter((p) => !parts.has(p))).toEqual([]);
  });

  it('sees the imports it checks', () => {
    expect(imports.some((i) => part(i.from) === 'socket' && part(i.to) === 'rooms')).toBe(true);
    expect(imports.some((i) => part(i.from) === 'rooms' && part(i.to) === 'document')).toBe(true);
  });

  it('no part imports a part of its own layer or above', () => {
    const wrong = imports
      .filter((i) => part(i.from) !== part(i.to) && (LAYERS[part(i.to)] ?? 0) >= (LAYERS[part(i.from)] ?? 0))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });
});
