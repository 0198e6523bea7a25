import { describe, expect, it } from 'vitest';
import { DragCoalescer, type FrameScheduler } from '../src/canvas/dragCoalescer';

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
  it('[D1] hands over at most one batch per frame, with the latest position of each item', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    for (let x = 0; x < 20; x++)
      c.push([
        { id: 'a', x },
        { id: 'b', x: -x },
      ]);
    expect(batches).toHaveLength(0);
    expect(frames.pending()).toBe(1);
    frames.tick();
    expect(batches).toEqual([
      [
        { id: 'a', x: 19 },
        { id: 'b', x: -19 },
      ],
    ]);
    c.push([{ id: 'a', x: 100 }]);
    frames.tick();
    frames.tick();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual([{ id: 'a', x: 100 }]);
  });

  it('[D2] finish flushes at once and cancels the scheduled frame', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    c.push([{ id: 'a', x: 1 }]);
    c.finish([{ id: 'a', x: 2 }]);
    expect(batches).toEqual([[{ id: 'a', x: 2 }]]);
    expect(frames.pending()).toBe(0);
    c.finish();
    expect(batches).toHaveLength(1);
  });

  it('[D2] dispose drops what is pending', () => {
    const frames = manualFrames();
    const batches: Move[][] = [];
    const c = new DragCoalescer<Move>((b) => batches.push(b), frames.schedule);
    c.push([{ id: 'a', x: 1 }]);
    c.dispose();
    frames.tick();
    expect(batches).toHaveLength(0);
    expect(c.hasPending).toBe(false);
  });
});
