import type { ElkEngine, ElkGraph, ElkLaidOutGraph } from '@ketenkaart/shared';

/** How long one layout may run in the worker before it is stopped (rule CL-AL2). */
export const LAYOUT_TIME_LIMIT_MS = 20_000;

/** A layout stopped at its time limit; its worker was terminated. */
export class LayoutTimeout extends Error {
  override readonly name = 'LayoutTimeout';
  constructor(readonly limitMs: number) {
    super(`layout took longer than ${limitMs / 1000} s`);
  }
}

interface WorkerBackedElk extends ElkEngine {
  terminateWorker(): void;
}

/** The ELK of this page, made on first use and dropped when its worker is terminated. */
let current: Promise<WorkerBackedElk> | null = null;

/**
 * ELK in a Web Worker, loaded only when the first layout asks for it (rule CL-AL1): elkjs's
 * `elk-api.js` with the URL of its classic worker script. elkjs's main entry would take the
 * same `workerUrl` and still lay out on the main thread, as it looks for the `web-worker`
 * package first; the API build always uses the worker it is given.
 */
function workerElk(): Promise<WorkerBackedElk> {
  if (current) return current;
  const loading = Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([api, worker]): WorkerBackedElk => new api.default({ workerUrl: worker.default }),
  );
  current = loading;
  // A chunk that failed to load (offline, a new deployment) is tried again by the next layout.
  loading.catch(() => {
    if (current === loading) current = null;
  });
  return loading;
}

/**
 * An ElkEngine that runs each layout in the worker, stopped after `limitMs`: then the worker is
 * terminated (the next layout starts a fresh one) and the layout rejects with LayoutTimeout.
 */
export function timedWorkerElk(limitMs = LAYOUT_TIME_LIMIT_MS): ElkEngine {
  return {
    layout: async (graph: ElkGraph): Promise<ElkLaidOutGraph> => {
      const pending = workerElk();
      const elk = await pending;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          elk.terminateWorker();
          if (current === pending) current = null;
          reject(new LayoutTimeout(limitMs));
        }, limitMs);
      });
      try {
        return await Promise.race([elk.layout(graph), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
