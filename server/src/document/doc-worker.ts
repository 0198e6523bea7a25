/**
 * Compaction's Y.Doc work in a worker thread (rule SV-S3). Building a Y.Doc of a large map,
 * encoding its snapshot and collecting its deleted ranges is the slowest thing a room does; on
 * the thread that serves every room, it would stall them all. The room that compacts waits for
 * the result (its queue is held), the others go on. Should the thread fail, the room compacts on
 * its own thread instead.
 */
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type * as Yjs from 'yjs';

/**
 * What a compaction gives: the snapshot, the document's exact deleted ranges as flat
 * `client, clock, len` triples (sorted and merged per client, as Yjs collects them) and the map's
 * title (kept in the maps table for the admin command line, SV-O3). The triples travel as one
 * transferred buffer: a 20,000-step map has tens of thousands of ranges, and cloning them as
 * arrays cost the receiving thread more than the compaction's write.
 */
export interface Compacted {
  readonly snapshot: Uint8Array;
  readonly deletes: Float64Array;
  readonly title: string;
}

/** The map's title in a document: `meta.title` of the model, at most 200 characters ('' when none). */
export function titleOf(doc: Yjs.Doc): string {
  const title: unknown = doc.getMap('meta').get('title');
  // The model stores the title as a string; anything else a peer wrote there is no title.
  return typeof title === 'string' ? title.slice(0, 200) : '';
}

interface Request {
  readonly id: number;
  readonly updates: readonly Uint8Array[];
}

type Reply = { id: number; snapshot: Uint8Array; deletes: Float64Array; title: string } | { id: number; error: string };

/**
 * The worker's whole program. It runs from source text (`eval`), so it imports nothing and gets
 * the path of Yjs from `workerData`; this way the same code runs from the compiled server,
 * under tsx and under vitest.
 */
function docWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs as CommonJS source text */
  const threads = require('node:worker_threads') as typeof WorkerThreads;
  const Y = require((threads.workerData as { yjs: string }).yjs) as typeof Yjs;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = threads.parentPort!;
  port.on('message', ({ id, updates }: Request) => {
    const doc = new Y.Doc({ gc: true });
    try {
      doc.transact(() => {
        for (const u of updates) Y.applyUpdate(doc, u);
      });
      const snapshot = Y.encodeStateAsUpdate(doc);
      const clients = Y.createDeleteSetFromStructStore(doc.store).clients;
      let count = 0;
      for (const ranges of clients.values()) count += ranges.length;
      const deletes = new Float64Array(count * 3);
      let k = 0;
      for (const [client, ranges] of clients) {
        for (const r of ranges) {
          deletes[k++] = client;
          deletes[k++] = r.clock;
          deletes[k++] = r.len;
        }
      }
      // As titleOf does (this function cannot call it: it runs from its source text).
      const raw: unknown = doc.getMap('meta').get('title');
      const title = typeof raw === 'string' ? raw.slice(0, 200) : '';
      const reply: Reply = { id, snapshot, deletes, title };
      port.postMessage(reply, [snapshot.buffer as ArrayBuffer, deletes.buffer]);
    } catch (e) {
      const reply: Reply = { id, error: String(e) };
      port.postMessage(reply);
    } finally {
      doc.destroy();
    }
  });
}

/** One worker thread, started on first use, for every room of a server. */
export class DocWorker {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve: (c: Compacted) => void; reject: (e: Error) => void }>();

  /** The compaction of the document made of `updates`. Rejects if the thread fails. */
  compact(updates: readonly Uint8Array[]): Promise<Compacted> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      if (this.#waiting.size === 1) worker.ref();
      const request: Request = { id, updates };
      worker.postMessage(request);
    });
  }

  /** Stops the thread; what is waiting is rejected. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
    this.#failAll(new Error('doc worker closed'));
  }

  #start(): Worker {
    const worker = new Worker(`(${docWorker.toString()})()`, {
      eval: true,
      workerData: { yjs: createRequire(import.meta.url).resolve('yjs') },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new Error(`compaction failed: ${reply.error}`));
      else waiting.resolve({ snapshot: reply.snapshot, deletes: reply.deletes, title: reply.title });
    });
    const lost = (why: string): void => {
      if (this.#worker === worker) this.#worker = undefined; // the next call starts a new one
      this.#failAll(new Error(why));
    };
    worker.on('error', (e) => lost(`doc worker failed: ${String(e)}`));
    worker.on('exit', (code) => lost(`doc worker exited (${code})`));
    return worker;
  }

  #failAll(error: Error): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of waiting) w.reject(error);
  }
}
