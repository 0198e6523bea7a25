import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { MIN_TASK_BYTES, WorkRefused, WorkerPool, type PoolOptions } from '../src/work/pool.js';

type Task =
  { op: 'echo'; value: number } | { op: 'spin'; ms: number } | { op: 'throw' } | { op: 'allocate' } | { op: 'exit' };

/** A worker thread for these tests: echoes, spins the CPU, throws, allocates without end, or exits. */
const SOURCE = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, task }) => {
  if (task.op === 'spin') { const end = Date.now() + task.ms; while (Date.now() < end); }
  if (task.op === 'throw') { parentPort.postMessage({ id, error: 'Error: asked to throw' }); return; }
  if (task.op === 'allocate') { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); }
  if (task.op === 'exit') process.exit(3);
  parentPort.postMessage({ id, result: { value: task.value ?? 0, thread: threadId } });
});
parentPort.postMessage({ ready: true });
`;

let pool: WorkerPool<Task, { value: number; thread: number }> | undefined;
let started = 0;
const open = (options: Partial<PoolOptions> = {}) => {
  started = 0;
  pool = new WorkerPool<Task, { value: number; thread: number }>(
    (resourceLimits) => {
      started++;
      return new Worker(SOURCE, { eval: true, resourceLimits });
    },
    { size: 1, queueBytes: MIN_TASK_BYTES, timeoutMs: 10_000, memoryMb: 64, ...options },
  );
  return pool;
};
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** The WorkRefused a promise rejects with. */
async function refusal(p: Promise<unknown>): Promise<WorkRefused> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkRefused);
  return error as WorkRefused;
}

describe('the work pool (SV-W1, SV-W2)', () => {
  it('[SV-W1] runs tasks on worker threads, starting them on demand and keeping them', async () => {
    const p = open({ size: 2, queueBytes: 4 * MIN_TASK_BYTES });
    expect(started).toBe(0);
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => p.run({ op: 'echo', value }, 0)));
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
    expect(started).toBe(2);
    await p.run({ op: 'echo', value: 6 }, 0);
    expect(started).toBe(2);
  });

  it('[SV-W2] with every thread busy, tasks wait while their inputs fit the queue; past it, one is refused at once as busy', async () => {
    const p = open({ size: 1, queueBytes: 3 * MIN_TASK_BYTES });
    const running = p.run({ op: 'spin', ms: 300 }, 10 * MIN_TASK_BYTES);
    const small = p.run({ op: 'echo', value: 2 }, 10);
    const large = p.run({ op: 'echo', value: 3 }, 2 * MIN_TASK_BYTES);
    expect(p.running).toBe(1);
    expect(p.queued).toBe(2);
    const refused = await refusal(p.run({ op: 'echo', value: 4 }, 0));
    expect(refused.reason).toBe('busy');
    expect(refused.message).toBe('the server is busy with other large requests; try again later');
    expect((await running).value).toBe(0);
    expect((await small).value).toBe(2);
    expect((await large).value).toBe(3);
    expect((await p.run({ op: 'echo', value: 5 }, 0)).value).toBe(5);
  });

  it('[SV-W2] a task over its time is refused as timeout; its thread is replaced and the next task runs', async () => {
    const p = open({ timeoutMs: 300 });
    const first = await p.run({ op: 'echo', value: 1 }, 0);
    const refused = await refusal(p.run({ op: 'spin', ms: 5_000 }, 0));
    expect(refused.reason).toBe('timeout');
    const next = await p.run({ op: 'echo', value: 2 }, 0);
    expect(next.value).toBe(2);
    expect(next.thread).not.toBe(first.thread);
    expect(started).toBe(2);
  });

  it('[SV-W2] a task whose thread runs out of its heap is refused as memory; the next task runs', async () => {
    const p = open({ memoryMb: 32 });
    const refused = await refusal(p.run({ op: 'allocate' }, 0));
    expect(refused.reason).toBe('memory');
    expect(refused.message).toMatch(/32 MiB/);
    expect((await p.run({ op: 'echo', value: 7 }, 0)).value).toBe(7);
  });

  it('[SV-W2] a task that throws, or whose thread exits, is refused as failed; the pool goes on', async () => {
    const p = open();
    expect((await refusal(p.run({ op: 'throw' }, 0))).reason).toBe('failed');
    expect((await refusal(p.run({ op: 'exit' }, 0))).reason).toBe('failed');
    expect((await p.run({ op: 'echo', value: 8 }, 0)).value).toBe(8);
  });

  it('[SV-W1] closing refuses what runs and waits, and everything after', async () => {
    const p = open({ queueBytes: 2 * MIN_TASK_BYTES });
    const running = refusal(p.run({ op: 'spin', ms: 2_000 }, 0));
    const waiting = refusal(p.run({ op: 'echo', value: 1 }, 0));
    await p.close();
    expect((await running).reason).toBe('failed');
    expect((await waiting).reason).toBe('failed');
    expect((await refusal(p.run({ op: 'echo', value: 2 }, 0))).reason).toBe('failed');
  });
});
