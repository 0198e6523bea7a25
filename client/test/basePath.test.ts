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
