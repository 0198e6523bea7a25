/**
 * The IPC side of a bench server child: answers `{ type: 'stats' }` with its CPU time and
 * heap and ArrayBuffer memory (after a full GC when the child runs with --expose-gc).
 */
export interface ChildStats {
  /** User + system CPU time in microseconds since the child started. */
  cpuMicros: number;
  heapUsed: number;
  /** Memory of ArrayBuffers and Buffers (outside the V8 heap; a room's update bytes live there). */
  arrayBuffers: number;
  rss: number;
  rooms: number;
}

export function serveStats(rooms: () => number): void {
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
    };
    process.send?.({ type: 'stats', stats });
  });
}
