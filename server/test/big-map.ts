/** Large JSON v1 maps and an event-loop watch, for the tests of heavy work (SV-W1, SV-W2). */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MapFile } from '@ketenkaart/shared';

/** A valid map of `steps` steps over 12 lanes, each step linked to the one before. */
export function bigMap(steps: number): MapFile {
  const partners = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, name: `Ketenpartner ${i}` }));
  return {
    format: 'ketenkaart',
    version: 1,
    title: `${steps} stappen`,
    partners,
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `s${i}`,
      partner: `p${i % 12}`,
      label: `Processtap ${i}`,
      x: 200 + i * 40,
      y: 24,
    })),
    flows: Array.from({ length: steps - 1 }, (_, i) => ({
      id: `f${i}`,
      from: `s${i}`,
      to: `s${i + 1}`,
      label: 'bericht',
    })),
  };
}

/** Watches this process's event loop; `stop` gives the longest time it was blocked, in ms (10 ms resolution). */
export function watchEventLoop(): { stop: () => number } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}
