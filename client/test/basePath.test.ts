import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPathOf, readBasePath, serverPath } from '../src/host/basePath';

/** A page whose `<meta name="ketenkaart-base">` holds `content` (or that has none). */
const page = (content: string | undefined) => ({
  querySelector: (selector: string) =>
    selector === 'meta[name="ketenkaart-base"]' && content !== undefined ? ({ content } as never) : null,
});

describe('the base path', () => {
  it('[CL-O10] is read from the meta element the server writes; none or a malformed one is the root', () => {
    expect(readBasePath(page('/ketenkaart'))).toBe('/ketenkaart');
    expect(readBasePath(page('/a/b'))).toBe('/a/b');
    expect(readBasePath(page(''))).toBe('');
    expect(readBasePath(page(undefined))).toBe('');
    expect(readBasePath(undefined)).toBe('');
    for (const bad of ['ketenkaart', '/ketenkaart/', '//evil.example', '/a b', 'javascript:x']) {
      expect(readBasePath(page(bad)), bad).toBe('');
    }
  });

  it('[CL-O10] turns app paths into server paths and back', () => {
    expect(serverPath('/map/x', '/ketenkaart')).toBe('/ketenkaart/map/x');
    expect(serverPath('/', '/ketenkaart')).toBe('/ketenkaart/');
    expect(serverPath('/api/maps', '')).toBe('/api/maps');
    expect(appPathOf('/ketenkaart/map/x', '/ketenkaart')).toBe('/map/x');
    expect(appPathOf('/ketenkaart', '/ketenkaart')).toBe('/');
    expect(appPathOf('/ketenkaart/', '/ketenkaart')).toBe('/');
    expect(appPathOf('/ketenkaartx/map/x', '/ketenkaart')).toBeUndefined();
    expect(appPathOf('/map/x', '/ketenkaart')).toBeUndefined();
    expect(appPathOf('/map/x', '')).toBe('/map/x');
  });
});

describe('server URLs in the client', () => {
  it('[CL-O10] every request to the server is made through serverPath, so it works under a sub-path', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const raw: string[] = [];
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      // A server path written as a literal that does not go through serverPath(...) first.
      for (const m of text.matchAll(/(?<!serverPath\()[`'"]\/(?:api|sync)\//g)) {
        raw.push(`${file.slice(src.length)}: ${text.slice(m.index, m.index + 40).split('\n')[0]}`);
      }
    }
    expect(raw).toEqual([]);
  });
});
