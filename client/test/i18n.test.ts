import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { nl } from '../src/i18n/nl';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const NL = flatten(nl);
const EN = flatten(en);
/** A key as t() sees it: plural suffixes dropped. */
const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translations', () => {
  it('[CL-I1] Dutch and English have exactly the same keys', () => {
    expect([...EN.keys()].sort()).toEqual([...NL.keys()].sort());
  });

  it('[CL-I1] no text is empty, and placeholders match between the languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    for (const [key, text] of NL) {
      expect(text.trim(), key).not.toBe('');
      expect(vars(EN.get(key) ?? ''), key).toEqual(vars(text));
    }
  });

  it('[CL-I2] every literal key passed to t() exists', () => {
    const known = new Set([...NL.keys()].map(base));
    const used = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !known.has(k));
    expect(missing).toEqual([]);
  });

  it('[CL-I2] templated keys cover every value they are built from', () => {
    for (const kind of ['start', 'activity', 'decision', 'register', 'end']) expect(NL.has(`kind.${kind}`)).toBe(true);
    for (const s of ['ok', 'attention', 'problem']) expect(NL.has(`status.${s}`)).toBe(true);
    for (const k of ['document', 'information', 'sequence']) expect(NL.has(`flowKind.${k}`)).toBe(true);
    for (const key of NL.keys())
      if (key.startsWith('shortcuts.') && !['shortcuts.open', 'shortcuts.title'].includes(key))
        expect(NL.has(key.replace('shortcuts.', 'shortcutKeys.')), key).toBe(true);
  });
});
