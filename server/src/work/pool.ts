/**
 * A small pool of worker threads with a budget (rules SV-W1, SV-W2): at most `size` tasks run at
 * once, each on its own thread; more wait while their inputs come to at most `queueBytes` (each
 * counting at least `MIN_TASK_BYTES`, which also bounds how many wait); a task may take `timeoutMs` on its
 * thread and its thread's heap is capped at `memoryMb`. Over budget, the task is refused with a
 * `WorkRefused` that says why, and a thread that ran over is terminated and replaced on demand,
 * so the next task starts on a fresh heap. The main thread only posts and receives messages.
 */
import type { Worker } from 'node:worker_threads';

/** Why a task was refused. */
export type WorkRefusal =
  /** Every thread is busy and the queue is full. */
  | 'busy'
  /** It ran longer than `timeoutMs`; its thread was terminated. */
  | 'timeout'
  /** Its thread's heap grew past `memoryMb`; the thread was terminated. */
  | 'memory'
  /** It threw, or its thread died, or the pool is closed. */
  | 'failed';

/** A task the pool did not complete, and why. */
export class WorkRefused extends Error {
  override readonly name = 'WorkRefused';
  constructor(
    readonly reason: WorkRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** A message to a worker thread. */
export interface Request<T> {
  readonly id: number;
  readonly task: T;
}

/** A worker thread's answer; `ready` once it has loaded and listens (its first message). */
export type Reply<R> =
  | { readonly id: number; readonly result: R }
  | { readonly id: number; readonly error: string }
  | { readonly ready: true };

/** The pool's budget. */
export interface PoolOptions {
  /** Threads, so tasks running at once. */
  readonly size: number;
  /** Input bytes of the tasks that may wait for a thread. */
  readonly queueBytes: number;
  /** Time one task may take on its thread. */
  readonly timeoutMs: number;
  /** Heap (V8 old generation) of one thread, in MiB. */
  readonly memoryMb: number;
}

/** What a waiting task counts at least against `queueBytes`: so at most `queueBytes / MIN_TASK_BYTES` wait. */
export const MIN_TASK_BYTES = 64 * 1024;

interface Job<T, R> {
  readonly id: number;
  readonly task: T;
  /** What it counts against `queueBytes` while it waits. */
  readonly bytes: number;
  /** Buffers handed to the thread with the task rather than copied. */
  readonly transfer: readonly ArrayBuffer[];
  readonly resolve: (result: R) => void;
  readonly reject: (error: Error) => void;
}

interface Slot<T, R> {
  worker: Worker | undefined;
  /** Whether the thread has loaded: a task's time is counted from then, not from its start. */
  ready: boolean;
  job: Job<T, R> | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Worker threads that run tasks of type `T` and answer `R`; `start` starts one thread. */
export class WorkerPool<T, R> {
  readonly #start: (resourceLimits: { maxOldGenerationSizeMb: number }) => Worker;
  readonly #options: PoolOptions;
  readonly #slots: Slot<T, R>[];
  readonly #queue: Job<T, R>[] = [];
  #queuedBytes = 0;
  #nextId = 1;
  #closed = false;

  constructor(start: (resourceLimits: { maxOldGenerationSizeMb: number }) => Worker, options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error('a work pool needs at least one thread');
    this.#start = start;
    this.#options = options;
    this.#slots = Array.from({ length: options.size }, () => ({
      worker: undefined,
      ready: false,
      job: undefined,
      timer: undefined,
    }));
  }

  /** Whether a task given now would start at once: a thread is free and nothing waits. */
  get free(): boolean {
    return this.#queue.length === 0 && this.#slots.some((s) => !s.job);
  }

  /** Tasks running now. */
  get running(): number {
    return this.#slots.filter((s) => s.job).length;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Runs `task` on a free thread, or queues it; rejects with WorkRefused when over budget.
   * `inputBytes` is the size of its input (what it holds in memory while it waits). Buffers in
   * `transfer` are handed over with the task: the caller must not use them afterwards.
   */
  run(task: T, inputBytes: number, transfer: readonly ArrayBuffer[] = []): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.#closed) {
        reject(new WorkRefused('failed', 'the work pool is closed'));
        return;
      }
      const bytes = Math.max(MIN_TASK_BYTES, inputBytes);
      const job: Job<T, R> = { id: this.#nextId++, task, bytes, transfer, resolve, reject };
      const free = this.#slots.find((s) => !s.job);
      if (free) this.#dispatch(free, job);
      else if (this.#queuedBytes + job.bytes <= this.#options.queueBytes) {
        this.#queue.push(job);
        this.#queuedBytes += job.bytes;
      } else reject(new WorkRefused('busy', 'the server is busy with other large requests; try again later'));
    });
  }

  /** Stops every thread; running and waiting tasks are refused ('failed'). */
  async close(): Promise<void> {
    this.#closed = true;
    const closed = new WorkRefused('failed', 'the work pool is closed');
    this.#queuedBytes = 0;
    for (const job of this.#queue.splice(0)) job.reject(closed);
    await Promise.all(this.#slots.map((slot) => this.#stop(slot, closed)));
  }

  #dispatch(slot: Slot<T, R>, job: Job<T, R>): void {
    let worker = slot.worker;
    if (!worker) {
      try {
        worker = this.#spawn(slot);
      } catch (e) {
        job.reject(new WorkRefused('failed', `could not start a worker thread: ${String(e)}`));
        return;
      }
    }
    slot.job = job;
    worker.ref();
    this.#arm(slot);
    const request: Request<T> = { id: job.id, task: job.task };
    worker.postMessage(request, job.transfer);
  }

  /**
   * Starts the running task's clock. A thread still loading gets `timeoutMs` to load, and the
   * task its whole `timeoutMs` again once the thread is ready.
   */
  #arm(slot: Slot<T, R>): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      const seconds = this.#options.timeoutMs / 1000;
      void this.#stop(slot, new WorkRefused('timeout', `took longer than the server allows (${seconds} s)`));
    }, this.#options.timeoutMs);
    slot.timer.unref();
  }

  #spawn(slot: Slot<T, R>): Worker {
    const worker = this.#start({ maxOldGenerationSizeMb: this.#options.memoryMb });
    worker.unref();
    slot.worker = worker;
    worker.on('message', (reply: Reply<R>) => {
      if (slot.worker !== worker) return;
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) this.#arm(slot);
        return;
      }
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      this.#finish(slot);
      if ('error' in reply) job.reject(new WorkRefused('failed', reply.error));
      else job.resolve(reply.result);
      this.#next();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const refused =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new WorkRefused('memory', `needs more memory than the server allows (${this.#options.memoryMb} MiB)`)
          : new WorkRefused('failed', `worker thread failed: ${String(e)}`);
      void this.#stop(slot, refused);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      void this.#stop(slot, new WorkRefused('failed', `worker thread exited (${code})`));
    });
    return worker;
  }

  /** Clears the slot's running task (its thread stays for the next one). */
  #finish(slot: Slot<T, R>): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker?.unref();
  }

  /** Terminates the slot's thread and refuses its task with `error`; the next task gets a new thread. */
  async #stop(slot: Slot<T, R>, error: WorkRefused): Promise<void> {
    const worker = slot.worker;
    const job = slot.job;
    slot.worker = undefined;
    slot.ready = false;
    this.#finish(slot);
    job?.reject(error);
    if (!this.#closed) this.#next();
    if (worker) await worker.terminate();
  }

  /** Hands waiting tasks to free threads. */
  #next(): void {
    for (const slot of this.#slots) {
      if (slot.job) continue;
      const job = this.#queue.shift();
      if (!job) return;
      this.#queuedBytes -= job.bytes;
      this.#dispatch(slot, job);
    }
  }
}
