/// <reference lib="webworker" />
/**
 * The layout worker (rule CL-AL1, started by `workerLayout.ts`): reads the map it is sent, builds
 * the ELK graph and runs the lane pass here, off the page's main thread. ELK itself runs in
 * elkjs's classic worker script, started from here through `elk-api.js` (a worker of this
 * worker): elkjs's main entry, given a `workerUrl`, would lay out in this thread instead when the
 * `web-worker` package is absent.
 */
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkEngine } from '@ketenkaart/shared';
import { layoutOfRequest, type LayoutRequest } from './layoutRequest';

const elk: ElkEngine = new ELK({ workerUrl: elkWorkerUrl });

self.onmessage = async (e: MessageEvent<LayoutRequest & { id: number }>) => {
  const { id, ...request } = e.data;
  try {
    self.postMessage({ id, moves: await layoutOfRequest(request, elk) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
