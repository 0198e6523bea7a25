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
import type { PreparedLoad, PreparedState } from '../document/prepared.js';
import type { RenderInput } from './render.js';
import type { FileText, Task, TaskResult, Version } from './tasks.js';

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

/** What a file counts against the queue: its characters or its bytes. */
function textBytes(text: FileText): number {
  return typeof text === 'string' ? text.length : text.byteLength;
}

/**
 * SV-W5: a file's bytes are handed to the thread rather than copied, when they fill an
 * ArrayBuffer of their own (as `readBodyBytes` makes them): never a view into a shared buffer.
 */
function ownedBuffer(text: FileText): ArrayBuffer[] {
  if (typeof text === 'string') return [];
  const { buffer } = text;
  const whole = text.byteOffset === 0 && text.byteLength === buffer.byteLength;
  return whole && buffer instanceof ArrayBuffer ? [buffer] : [];
}

/** Import, replace and export, each in a worker thread within the pool's budget. */
export class JsonWork {
  readonly #pool: WorkerPool<Task, TaskResult>;

  constructor(options: PoolOptions) {
    this.#pool = new WorkerPool(startWorker, options);
  }

  /**
   * The updates that create the map of a JSON v1 text, to be stored in this order (SV-S12). Throws
   * an ImportError for an invalid file, a WorkRefused when over budget.
   */
  async importFile(text: FileText): Promise<readonly Uint8Array[]> {
    const result = await this.#run({ kind: 'import', text });
    if (result.kind !== 'created' || result.parts.length === 0)
      throw new WorkRefused('failed', 'import gave no update');
    return result.parts;
  }

  /**
   * The update that turns the document `doc` into the content of `text` (null if it would not
   * change), and the state the document reaches with it (SV-W4). `origin` says whether it is an
   * import or a restore (SH-V5).
   */
  async replacement(
    text: FileText,
    doc: readonly Uint8Array[],
    origin: 'import' | 'restore' = 'import',
  ): Promise<{ update: Uint8Array; state: PreparedState | null } | null> {
    const result = await this.#run({ kind: 'replace', text, doc, origin });
    if (result.kind !== 'update') throw new WorkRefused('failed', 'replace gave no update');
    return result.update ? { update: result.update, state: result.state ?? null } : null;
  }

  /**
   * SV-W4: a room's stored updates decoded (null when they have gaps and the room must load them).
   * Null at once when no thread is free: a map's opening does not wait behind exports or snapshots.
   */
  async load(updates: readonly Uint8Array[]): Promise<PreparedLoad | null> {
    if (!this.#pool.free) return null;
    const result = await this.#run({ kind: 'load', updates });
    if (result.kind !== 'loaded') throw new WorkRefused('failed', 'load gave no document');
    return result.prepared;
  }

  /** The JSON v1 file of the document `doc`, UTF-8. */
  async exportFile(doc: readonly Uint8Array[]): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'export', doc });
    if (result.kind !== 'file') throw new WorkRefused('failed', 'export gave no file');
    return result.bytes;
  }

  /** A snapshot's content (SV-V1): the gzipped JSON v1 export of `doc`, its SHA-256 and plain length. */
  async snapshot(doc: readonly Uint8Array[]): Promise<{ gzip: Uint8Array; hash: string; jsonBytes: number }> {
    const result = await this.#run({ kind: 'snapshot', doc });
    if (result.kind !== 'snapshot') throw new WorkRefused('failed', 'snapshot gave no content');
    return { gzip: result.gzip, hash: result.hash, jsonBytes: result.jsonBytes };
  }

  /** The diff from one version to another (SV-V4, SH-V1) as JSON text, UTF-8. */
  async diff(from: Version, to: Version): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'diff', from, to });
    if (result.kind !== 'file') throw new WorkRefused('failed', 'diff gave no result');
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
  ): Promise<{ update: Uint8Array | null; moved: number; state: PreparedState | null }> {
    const result = await this.#run(steps ? { kind: 'layout', doc, steps } : { kind: 'layout', doc });
    if (result.kind !== 'layout') throw new WorkRefused('failed', 'layout gave no result');
    return { update: result.update, moved: result.moved, state: result.state };
  }

  /**
   * The SVG, PDF or PNG export of a version (SV-X1, SV-V7): a document, or a snapshot's content. Throws a `PngTooLarge` for a PNG
   * past the limit (SH-X6), a WorkRefused when over budget.
   */
  async render(version: Version, input: RenderInput): Promise<Uint8Array> {
    const result = await this.#run({ kind: 'render', ...version, ...input });
    if (result.kind === 'tooLarge') throw new PngTooLarge(result.message, result.largest, result.unit);
    if (result.kind !== 'file') throw new WorkRefused('failed', 'export gave no file');
    return result.bytes;
  }

  /** Stops the threads. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  async #run(task: Task): Promise<TaskResult> {
    let bytes = 'text' in task ? textBytes(task.text) : 0;
    if ('doc' in task) for (const part of task.doc) bytes += part.byteLength;
    if ('updates' in task) for (const part of task.updates) bytes += part.byteLength;
    if ('gzip' in task) bytes += task.gzip.byteLength * 8; // a snapshot drawn (SV-V7), unzipped, roughly
    if (task.kind === 'diff') {
      for (const v of [task.from, task.to]) {
        if ('gzip' in v)
          bytes += v.gzip.byteLength * 8; // unzipped, roughly
        else for (const part of v.doc) bytes += part.byteLength;
      }
    }
    const result = await this.#pool.run(task, bytes, 'text' in task ? ownedBuffer(task.text) : []);
    if (result.kind === 'invalid') throw new ImportError(result.problems);
    return result;
  }
}
