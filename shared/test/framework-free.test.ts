import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// shared/ must work where React, React Flow, zustand, ws and the DOM do not exist (README: may import).
vi.mock('react', () => {
  throw new Error('shared/ imported react');
});
vi.mock('@xyflow/react', () => {
  throw new Error('shared/ imported @xyflow/react');
});
vi.mock('zustand', () => {
  throw new Error('shared/ imported zustand');
});
vi.mock('ws', () => {
  throw new Error('shared/ imported ws');
});

const SRC = new URL('../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('shared is framework-free', () => {
  it('loads and works with react, @xyflow/react, zustand and ws mocked away, and no DOM', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const shared = await import('../src/index.js');
    const Y = await import('yjs');
    const doc = new Y.Doc();
    const p = shared.addPartner(doc, { name: 'P' });
    shared.addStep(doc, { partner: p, label: 'S' });
    expect(shared.readMap(doc).steps).toHaveLength(1);
  });

  it('imports only yjs, zod, lib0 and its own files; elkjs only in the Node entry point node-elk.ts', () => {
    const allowed = /^(yjs|zod|lib0\/[a-z]+|\.{1,2}\/.*)$/;
    let elk = 0;
    for (const file of files(SRC)) {
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
        if (file === `${SRC}node-elk.ts` && spec === 'elkjs/lib/elk.bundled.js') elk++;
        else expect(spec, `${file} imports ${spec}`).toMatch(allowed);
      }
    }
    expect(elk).toBe(1);
  });

  it('the main entry point loads neither elkjs nor the export renderer', () => {
    const index = readFileSync(`${SRC}index.ts`, 'utf8');
    expect(index).not.toMatch(/node-elk|elkjs|render\//);
  });
});
