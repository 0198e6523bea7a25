import { describe, expect, it } from 'vitest';
import { contentKnown, initialViewport, MIN_ZOOM } from '../src/canvas/initialViewport';

describe('initialViewport', () => {
  const bands = [
    { partner: 'a', top: 0, height: 140 },
    { partner: 'b', top: 140, height: 160 },
  ];

  it('[CL-R8] a small map is shown at zoom 1 at most, a wide one zoomed out to fit its lanes', () => {
    expect(initialViewport(bands, 1400, { width: 2000, height: 1000 }).zoom).toBe(1);
    const wide = initialViewport(bands, 12_000, { width: 1000, height: 700 });
    expect(wide.zoom).toBeLessThan(1000 / 12_000);
    expect(wide.zoom).toBeGreaterThan(0.06);
    expect(initialViewport(bands, 100_000, { width: 1000, height: 700 }).zoom).toBe(MIN_ZOOM);
  });

  it('[CL-R8] a map without lanes still gets a finite viewport', () => {
    const vp = initialViewport([], 1400, { width: 800, height: 600 });
    for (const v of [vp.x, vp.y, vp.zoom]) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('contentKnown', () => {
  it('[CL-R8] an empty map is known only once the cache has loaded or the server has synced', () => {
    // The first attempt failed (server down) before IndexedDB loaded: not known yet.
    expect(contentKnown({ hasLanes: false, status: 'reconnecting', cacheLoaded: false })).toBe(false);
    expect(contentKnown({ hasLanes: false, status: 'offline', cacheLoaded: false })).toBe(false);
    expect(contentKnown({ hasLanes: false, status: 'connecting', cacheLoaded: true })).toBe(false);
    expect(contentKnown({ hasLanes: false, status: 'reconnecting', cacheLoaded: true })).toBe(true);
    expect(contentKnown({ hasLanes: false, status: 'online', cacheLoaded: false })).toBe(true);
    expect(contentKnown({ hasLanes: true, status: 'connecting', cacheLoaded: false })).toBe(true);
  });
});
