/**
 * The IPC side of a bench server child: answers `{ type: 'stats' }` with its CPU time and
 * heap and ArrayBuffer memory (after a full GC when the child runs with --expose-gc).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ChildStats {
  /** User + system CPU time in microseconds since the child started. */
  cpuMicros: number;
  heapUsed: number;
  /** Memory of ArrayBuffers and Buffers (outside the V8 heap; a room's update bytes live there). */
  arrayBuffers: number;
  rss: number;
  rooms: number;
  /** Event-loop delay since the previous stats request, in ms (p99 and max). */
  loopDelayP99: number;
  loopDelayMax: number;
}

export function serveStats(rooms: () => number): void {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  process.on('message', (m: { type?: string; gc?: boolean }) => {
    if (m.type !== 'stats') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (m.gc && gc) {
      gc();
      gc();
    }
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const stats: ChildStats = {
      cpuMicros: cpu.user + cpu.system,
      heapUsed: mem.heapUsed,
      arrayBuffers: mem.arrayBuffers,
      rss: mem.rss,
      rooms: rooms(),
      loopDelayP99: loop.percentile(99) / 1e6,
      loopDelayMax: loop.max / 1e6,
    };
    loop.reset();
    process.send?.({ type: 'stats', stats });
  });
}
