/**
 * The map API's heavy work, run in the work pool (rules SV-W1-W3): importing a file, replacing a
 * map's content, exporting a map. The threads run `worker.ts`: the compiled file next to this one,
 * or, when the server runs from its TypeScript source (tsx, vitest), the source file through tsx,
 * with `@ketenkaart/shared` resolved to its source as the tests resolve it.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '@ketenkaart/shared';
import { WorkRefused, WorkerPool, type PoolOptions } from './pool.js';
import type { RenderInput } from './render.js';
import type { Task, TaskResult } from './tasks.js';

/** A PNG export past `PNG_LIMITS` (SH-X6): the reason, and the largest scale or DPI possible. */
export class PngTooLarge extends Error {
  override readonly name = 'PngTooLarge';
  constructor(
    message: string,
    readonly largest: number,
    readonly unit: 'scale' | 'dpi',
  ) {
    super(message);
  }
}

/**
 * Boots a worker from TypeScript source: registers tsx's loader in the thread, then imports the
 * entry. (A worker does not inherit the loader of the thread that starts it.)
 */
const SOURCE_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register({ tsconfig: workerData.tsconfig }); return import(workerData.entry); })
  .catch((e) => { setImmediate(() => { throw e; }); });
`;

/** Starts one thread running `worker.ts` (or `.js`), with `resourceLimits`. */
function startWorker(resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { resourceLimits });
  return new Worker(SOURCE_BOOT, {
    eval: true,
    resourceLimits,
    workerData: {
      tsx: import.meta.resolve('tsx/esm/api'),
      tsconfig: fileURLToPath(new URL('../../tsconfig.test.json', import.meta.url)),
      entry: new URL('./worker.ts', import.meta.url).href,
    },
  });
}

/** Import, replace and export, each in a worker thread within the pool's budget. */
export class JsonWork {
  readonly #pool: WorkerPool<Task, TaskResult>;

  constructor(options: PoolOptions) {
    this.#pool = new WorkerPool(startWorker, options);
  }

  /**
   * The update that creates the map of a JSON v1 text. Throws an ImportError for an invalid file,
   * a WorkRefused when over budget.
   */
  async importFile(text: string): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'import', text });
    if (result.kind !== 'update' || !result.update) throw new WorkRefused('failed', 'import gave no update');
    return result.update;
  }

  /** The update that turns the document `doc` into the content of `text`; null if it would not change. */
  async replacement(text: string, doc: readonly Uint8Array[]): Promise<Uint8Array | null> {
    const result = await this.#run({ kind: 'replace', text, doc });
    if (result.kind !== 'update') throw new WorkRefused('failed', 'replace gave no update');
    return result.update;
  }

  /** The JSON v1 file of the document `doc`, UTF-8. */
  async exportFile(doc: readonly Uint8Array[]): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'export', doc });
    if (result.kind !== 'file') throw new WorkRefused('failed', 'export gave no file');
    return result.bytes;
  }

  /**
   * Lays out the document `doc`, or only `steps` of it (SV-H19): the update that moves the steps,
   * null when nothing moves, and how many moved. Throws an ImportError when `steps` names a step
   * the map does not have.
   */
  async layout(
    doc: readonly Uint8Array[],
    steps: readonly string[] | undefined,
  ): Promise<{ update: Uint8Array | null; moved: number }> {
    const result = await this.#run(steps ? { kind: 'layout', doc, steps } : { kind: 'layout', doc });
    if (result.kind !== 'layout') throw new WorkRefused('failed', 'layout gave no result');
    return { update: result.update, moved: result.moved };
  }

  /**
   * The SVG, PDF or PNG export of the document `doc` (SV-X1). Throws a `PngTooLarge` for a PNG
   * past the limit (SH-X6), a WorkRefused when over budget.
   */
  async render(doc: readonly Uint8Array[], input: RenderInput): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'render', doc, ...input });
    if (result.kind === 'tooLarge') throw new PngTooLarge(result.message, result.largest, result.unit);
    if (result.kind !== 'file') throw new WorkRefused('failed', 'export gave no file');
    return result.bytes;
  }

  /** Stops the threads. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  async #run(task: Task): Promise<TaskResult> {
    let bytes = 'text' in task ? task.text.length : 0;
    if ('doc' in task) for (const part of task.doc) bytes += part.byteLength;
    const result = await this.#pool.run(task, bytes);
    if (result.kind === 'invalid') throw new ImportError(result.problems);
    return result;
  }
}
