/**
 * A worker thread of the work pool (rule SV-W1): runs each task it is sent (`tasks.ts`) and
 * answers with its result, handing its buffers over; a task that throws is answered with the
 * error's text. Its heap is capped by the pool (`resourceLimits`), its time by the pool's timer.
 */
import { parentPort } from 'node:worker_threads';
import { performTask, transferables, type Task, type TaskResult } from './tasks.js';
import type { Reply, Request } from './pool.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
port.on('message', ({ id, task }: Request<Task>) => {
  void answer(id, task);
});

/** Runs one task and posts its result or error (tasks run one at a time: the pool sends one per thread). */
async function answer(id: number, task: Task): Promise<void> {
  if (!port) return;
  let reply: Reply<TaskResult>;
  try {
    const result = await performTask(task);
    reply = { id, result };
    port.postMessage(reply, transferables(result));
  } catch (e) {
    reply = { id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    port.postMessage(reply);
  }
}
const ready: Reply<never> = { ready: true };
port.postMessage(ready);
