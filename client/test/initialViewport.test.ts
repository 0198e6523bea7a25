import { describe, expect, it } from 'vitest';
import { GEOMETRY } from '@ketenkaart/shared';
import { contentKnown, fitsLegibly, initialViewport, LEGIBLE_PX } from '../src/canvas/initialViewport';

describe('initialViewport', () => {
  const bands = [
    { partner: 'a', top: 0, height: 140 },
    { partner: 'b', top: 140, height: 160 },
  ];
  const labelPx = (zoom: number): number => GEOMETRY.labelFontSize * zoom;

  it('[CL-R12] a map that fits with legible labels is shown whole, top-aligned, at zoom 1 at most', () => {
    const small = initialViewport({ bands, laneLeft: 0, laneWidth: 1400 }, { width: 2000, height: 1000 });
    expect(small.zoom).toBe(1);
    expect(small.y).toBeGreaterThan(0);
    expect(small.y).toBeLessThan(40);
    // Centred: as much room left of the lanes as right of them.
    expect(small.x).toBeCloseTo((2000 - 1400) / 2);
    const fits = initialViewport({ bands, laneLeft: 0, laneWidth: 1600 }, { width: 1300, height: 900 });
    expect(fits.zoom).toBeLessThan(1);
    expect(labelPx(fits.zoom)).toBeGreaterThanOrEqual(LEGIBLE_PX);
    expect(fits.x + 1600 * fits.zoom).toBeLessThanOrEqual(1300);
  });

  it('[CL-R12] a map too big for legible labels opens at the legible zoom at the start of the chain', () => {
    const wide = initialViewport(
      { bands, laneLeft: 0, laneWidth: 12_000, start: { x: 200, y: 150 } },
      { width: 1000, height: 700 },
    );
    expect(labelPx(wide.zoom)).toBeGreaterThanOrEqual(LEGIBLE_PX);
    expect(labelPx(wide.zoom)).toBeLessThan(LEGIBLE_PX + 0.5);
    // The lanes' left end (with their headers) is on screen, at the left.
    expect(wide.x).toBeGreaterThanOrEqual(0);
    expect(wide.x).toBeLessThan(40);
    // A phone-sized canvas too.
    const phone = initialViewport({ bands, laneLeft: 0, laneWidth: 2_200 }, { width: 390, height: 700 });
    expect(labelPx(phone.zoom)).toBeGreaterThanOrEqual(LEGIBLE_PX);
  });

  it("[CL-R12] a tall map opens with the first step's lane at the top, never past the last lane", () => {
    const tall = Array.from({ length: 20 }, (_, i) => ({ partner: `p${i}`, top: i * 140, height: 140 }));
    const size = { width: 1000, height: 700 };
    const middle = initialViewport({ bands: tall, laneLeft: 0, laneWidth: 5_000, start: { x: 200, y: 1430 } }, size);
    // Lane 10 (top 1400) is at the top of the screen.
    expect(middle.y + 1400 * middle.zoom).toBeGreaterThanOrEqual(0);
    expect(middle.y + 1400 * middle.zoom).toBeLessThan(40);
    const last = initialViewport({ bands: tall, laneLeft: 0, laneWidth: 5_000, start: { x: 200, y: 2700 } }, size);
    // The last lane's bottom (2800) stays at the bottom of the screen, not above it.
    expect(last.y + 2800 * last.zoom).toBeGreaterThanOrEqual(size.height - 40);
  });

  it('[CL-R12] a chain that starts far right opens there; lanes that start left of 0 open at their left end', () => {
    const far = initialViewport(
      { bands, laneLeft: 0, laneWidth: 12_000, start: { x: 6_000, y: 20 } },
      { width: 1000, height: 700 },
    );
    const screenX = far.x + 6_000 * far.zoom;
    expect(screenX).toBeGreaterThan(0);
    expect(screenX).toBeLessThan(1000 / 2);
    const left = initialViewport({ bands, laneLeft: -400, laneWidth: 12_000 }, { width: 1000, height: 700 });
    expect(left.x - 400 * left.zoom).toBeGreaterThanOrEqual(0);
    expect(left.x - 400 * left.zoom).toBeLessThan(40);
  });

  it('[CL-R19] the fit shows the content: the lanes past the last step are left out, a little air kept', () => {
    // Lanes reach 2,160 px; the last step ends at 2,040. In a 1,600 px canvas only the content
    // fits legibly.
    const content = { bands, laneLeft: 0, laneWidth: 2_160, contentRight: 2_040 };
    const size = { width: 1_600, height: 900 };
    expect(fitsLegibly({ bands, laneLeft: 0, laneWidth: 2_160 }, size)).toBe(false);
    expect(fitsLegibly(content, size)).toBe(true);
    const vp = initialViewport(content, size);
    expect(labelPx(vp.zoom)).toBeGreaterThanOrEqual(LEGIBLE_PX);
    expect(vp.x).toBeGreaterThanOrEqual(0);
    expect(vp.x + 2_040 * vp.zoom).toBeLessThanOrEqual(size.width - 16);
    // Beside a 300 px panel it no longer fits: the legible zoom at the chain's start.
    const beside = { width: 1_300, height: 900 };
    expect(fitsLegibly(content, beside)).toBe(false);
    expect(labelPx(initialViewport(content, beside).zoom)).toBeLessThan(LEGIBLE_PX + 0.5);
    // A short map is not stretched to the lanes' minimum width either.
    const small = initialViewport({ bands, laneLeft: 0, laneWidth: 960, contentRight: 500 }, size);
    expect(small.zoom).toBe(1);
    expect(small.x).toBeCloseTo((1_600 - 540) / 2);
  });

  it('[CL-R12] a map without lanes still gets a finite viewport', () => {
    const vp = initialViewport({ bands: [], laneLeft: 0, laneWidth: 1400 }, { width: 800, height: 600 });
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
