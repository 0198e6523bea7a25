/**
 * SPEC rule ids across the repository: each rule is defined once, in its own package's SPEC with
 * that package's prefix (CL- client, SV- server, SH- shared), and every id cited in code, tests,
 * benchmarks and docs names a rule that exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = { client: 'CL', server: 'SV', shared: 'SH' } as const;
/** A rule id: package prefix, section letters, number (e.g. `SV-H19`, `CL-AL4`). */
const ID = /\b((?:CL|SV|SH)-[A-Z]+\d+)\b/g;
/** A rule's definition in a SPEC: its id in bold at the start of a list item. */
const DEFINITION = /^\s*[-*]\s+\*\*((?:CL|SV|SH)-[A-Z]+\d+)\*\*/gm;
const SKIP = new Set(['node_modules', 'dist', 'dev-dist', '.git', 'coverage']);
const CITING = /\.(ts|tsx|mts|mjs|js|md|json)$/;

/** Every id cited in the files under `dir`, with the first file that cites it. */
function citations(dir: string, found: Map<string, string>): void {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) citations(file, found);
    else if (CITING.test(entry))
      for (const [, id] of readFileSync(file, 'utf8').matchAll(ID))
        if (!found.has(id!)) found.set(id!, path.relative(ROOT, file));
  }
}

function definitions(): Map<string, string[]> {
  const defined = new Map<string, string[]>();
  for (const pkg of Object.keys(PACKAGES)) {
    const text = readFileSync(path.join(ROOT, pkg, 'SPEC.md'), 'utf8');
    for (const [, id] of text.matchAll(DEFINITION)) defined.set(id!, [...(defined.get(id!) ?? []), pkg]);
  }
  return defined;
}

describe('SPEC rule ids', () => {
  const defined = definitions();

  it('each rule is defined once, in the SPEC of the package its prefix names', () => {
    expect(defined.size).toBeGreaterThan(100);
    const misplaced = [...defined].filter(
      ([id, where]) => where.length !== 1 || !id.startsWith(`${PACKAGES[where[0] as keyof typeof PACKAGES]}-`),
    );
    expect(misplaced).toEqual([]);
  });

  it('every id cited in code, tests, benchmarks and docs names a rule that exists', () => {
    const cited = new Map<string, string>();
    for (const dir of ['client', 'server', 'shared', 'test', 'bench', 'docs', 'scripts'])
      citations(path.join(ROOT, dir), cited);
    for (const file of readdirSync(ROOT).filter((f) => f.endsWith('.md')))
      for (const [, id] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(ID))
        if (!cited.has(id!)) cited.set(id!, file);
    expect(cited.size).toBeGreaterThan(100);
    const dangling = [...cited].filter(([id]) => !defined.has(id)).map(([id, file]) => `${id} in ${file}`);
    expect(dangling).toEqual([]);
  });
});
