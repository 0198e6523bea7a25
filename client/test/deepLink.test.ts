import { describe, expect, it } from 'vitest';
import { formatBrowseLink, parseBrowseLink } from '../src/browse/deepLink';
import { parseRoute } from '../src/routing/route';

describe('[CL-B5] browse deep links', () => {
  it('[CL-B5] reads focus, depth and view; the token stays first and the route still opens the map', () => {
    const hash = '#view=TOKEN_1&step=s-1&depth=2&show=text';
    expect(parseBrowseLink(hash)).toEqual({
      focus: { kind: 'step', id: 's-1' },
      depth: 2,
      show: 'text',
      browse: false,
    });
    expect(parseRoute('/map/abc', hash)).toEqual({ page: 'map', id: 'abc', role: 'viewer', token: 'TOKEN_1' });
    expect(parseBrowseLink('#edit=T&browse=1&partner=uwv')).toMatchObject({
      focus: { kind: 'partner', id: 'uwv' },
      browse: true,
    });
    expect(parseBrowseLink('#view=T&flow=f5').focus).toEqual({ kind: 'flow', id: 'f5' });
  });

  it('[CL-B5] odd values fall back: no focus, the whole chain, the screen decides the view', () => {
    expect(parseBrowseLink('#view=T&depth=7&show=poster&step=')).toEqual({
      focus: null,
      depth: Number.POSITIVE_INFINITY,
      show: null,
      browse: false,
    });
  });

  it('[CL-B5] writes the state after the token and round-trips, ids with odd characters too', () => {
    const focus = { kind: 'step', id: 'a:b.c&d=e' } as const;
    const hash = formatBrowseLink('#view=T&step=old&depth=1', { focus, depth: 2, show: null, browse: false });
    expect(hash.startsWith('#view=T&')).toBe(true);
    expect(parseBrowseLink(hash)).toEqual({ focus, depth: 2, show: null, browse: false });
    // The whole chain is the default and not written; no focus writes no depth.
    expect(formatBrowseLink('#view=T', { focus, depth: Infinity, show: 'map', browse: false })).toBe(
      '#view=T&step=a%3Ab.c%26d%3De&show=map',
    );
    expect(formatBrowseLink('#edit=T&step=x', { focus: null, depth: 2, show: null, browse: true })).toBe(
      '#edit=T&browse=1',
    );
  });
});
