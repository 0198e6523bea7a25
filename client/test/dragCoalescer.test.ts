import { describe, expect, it } from 'vitest';
import { DragCoalescer, type FrameScheduler } from '../src/canvas/drag/dragCoalescer';

/** A frame clock the test advances by hand. */
function manualFrames(): { schedule: FrameScheduler; tick: () => void; pending: () => number } {
  let queue: (() => void)[] = [];
  return {
    schedule: (cb) => {
      queue.push(cb);
      return () => {
        queue = queue.filter((q) => q !== cb);
      };
    },
    tick: () => {
      const run = queue;
      queue = [];
      for (const cb of run) cb();
    },
    pending: () => queue.length,
  };
}

interface Move {
  id: string;
  x: number;
}

describe('DragCoalescer', () => {
  it('[CL-D1] the first move of a frame goes out at once; later ones in that frame are merged into one batch', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    c.push([{ id: 'a', x: 0 }]);
    expect(batches).toEqual([[{ id: 'a', x: 0 }]]);
    for (let x = 1; x < 20; x++)
      c.push([
        { id: 'a', x },
        { id: 'b', x: -x },
      ]);
    expect(batches).toHaveLength(1);
    expect(frames.pending()).toBe(1);
    frames.tick();
    expect(batches[1]).toEqual([
      { id: 'a', x: 19 },
      { id: 'b', x: -19 },
    ]);
    // That flush used the new frame: the next move waits for the one after.
    c.push([{ id: 'a', x: 100 }]);
    expect(batches).toHaveLength(2);
    frames.tick();
    expect(batches[2]).toEqual([{ id: 'a', x: 100 }]);
    // A frame without moves ends the throttle: the next move goes out at once.
    frames.tick();
    expect(frames.pending()).toBe(0);
    c.push([{ id: 'a', x: 200 }]);
    expect(batches).toHaveLength(4);
  });

  it('[CL-D1] never more than one flush per frame', () => {
    const frames = manualFrames();
    let flushes = 0;
    const c = new DragCoalescer<Move>(() => flushes++, frames.schedule);
    for (let frame = 0; frame < 50; frame++) {
      const before = flushes;
      for (let i = 0; i < 7; i++) c.push([{ id: 'a', x: frame * 10 + i }]);
      expect(flushes - before).toBeLessThanOrEqual(1);
      frames.tick();
    }
  });

  it('[CL-D2] finish flushes at once and cancels the scheduled frame', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    c.push([{ id: 'a', x: 1 }]);
    c.push([{ id: 'a', x: 2 }]);
    c.finish([{ id: 'a', x: 3 }]);
    expect(batches).toEqual([[{ id: 'a', x: 1 }], [{ id: 'a', x: 3 }]]);
    expect(frames.pending()).toBe(0);
    c.finish();
    expect(batches).toHaveLength(2);
  });

  it('[CL-D2] dispose drops what is pending', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    c.push([{ id: 'a', x: 1 }]);
    c.push([{ id: 'a', x: 2 }]);
    c.dispose();
    frames.tick();
    expect(batches).toEqual([[{ id: 'a', x: 1 }]]);
    expect(c.hasPending).toBe(false);
  });
});
