import type { StepMove } from '@ketenkaart/shared';
import type { Layouter, LayoutRequest } from './layoutRequest';

/** How long one layout may run in the worker before it is stopped (rule CL-AL2). */
export const LAYOUT_TIME_LIMIT_MS = 20_000;

/** A layout stopped at its time limit; its worker was terminated. */
export class LayoutTimeout extends Error {
  override readonly name = 'LayoutTimeout';
  constructor(readonly limitMs: number) {
    super(`layout took longer than ${limitMs / 1000} s`);
  }
}

interface Job {
  readonly resolve: (moves: readonly StepMove[]) => void;
  readonly reject: (e: Error) => void;
}

/** The page's layout worker, started by the first layout and dropped when it is terminated. */
let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, Job>();

function stop(reason: Error): void {
  worker?.terminate();
  worker = null;
  for (const job of waiting.values()) job.reject(reason);
  waiting.clear();
}

/**
 * The layout worker (`layoutWorker.ts`, a module worker; rule CL-AL1), loaded only when the first
 * layout asks for it. Terminating it also ends the ELK worker it started.
 */
function layoutWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'layout' });
  w.onmessage = (e: MessageEvent<{ id: number; moves?: StepMove[]; error?: string }>) => {
    const job = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (e.data.moves) job?.resolve(e.data.moves);
    else job?.reject(new Error(e.data.error ?? 'layout failed'));
  };
  // A worker that failed to load (offline, a new deployment) is started afresh by the next layout.
  w.onerror = (e) => stop(new Error(e.message || 'layout worker failed'));
  worker = w;
  return w;
}

/**
 * A Layouter that runs each layout in the layout worker, stopped after `limitMs`: then the worker
 * is terminated (the next layout starts a fresh one) and the layout rejects with LayoutTimeout.
 * The page only writes its snapshot as JSON and, afterwards, writes the moves (rule CL-AL1).
 */
export function timedWorkerLayout(limitMs = LAYOUT_TIME_LIMIT_MS): Layouter {
  return (request: LayoutRequest) =>
    new Promise<readonly StepMove[]>((resolve, reject) => {
      const w = layoutWorker();
      const id = ++next;
      const timer = setTimeout(() => {
        if (waiting.has(id)) stop(new LayoutTimeout(limitMs));
      }, limitMs);
      const done = (): void => clearTimeout(timer);
      waiting.set(id, {
        resolve: (moves) => {
          done();
          resolve(moves);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      w.postMessage({ id, map: request.map, selection: request.selection });
    });
}
