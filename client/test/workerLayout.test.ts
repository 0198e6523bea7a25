/**
 * Client rule CL-AL2 on the page's side of the layout worker (`timedWorkerLayout`), with a
 * stand-in Worker: a layout past its limit terminates the worker (and so ELK's worker in it) and
 * rejects with LayoutTimeout; the next layout starts a fresh worker; an answer in time is passed on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as WorkerLayout from '../src/session/layout/workerLayout';

type Module = typeof WorkerLayout;
let timedWorkerLayout: Module['timedWorkerLayout'];
let LayoutTimeout: Module['LayoutTimeout'];

/** A Worker that keeps what it is sent and answers only when told to. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  readonly sent: { id: number; map: string; selection?: readonly string[] }[] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(message: { id: number; map: string; selection?: readonly string[] }): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data });
  }
}

beforeEach(async () => {
  // A fresh module each time: the page keeps its one worker in it.
  vi.resetModules();
  ({ timedWorkerLayout, LayoutTimeout } = await import('../src/session/layout/workerLayout'));
  FakeWorker.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the layout worker, from the page', () => {
  it('[CL-AL1] [CL-AL2] starts one module worker, passes on its answer, and keeps it for the next layout', async () => {
    const layout = timedWorkerLayout(1_000);
    const map = '{"steps":[]}';
    const pending = layout({ map, selection: ['a'] });
    const [worker] = FakeWorker.made;
    expect(FakeWorker.made).toHaveLength(1);
    expect(worker!.options.type).toBe('module');
    expect(worker!.url.pathname).toMatch(/layoutWorker\.ts$/);
    expect(worker!.sent[0]).toMatchObject({ map, selection: ['a'] });
    worker!.answer({ id: worker!.sent[0]!.id, moves: [{ id: 'a', x: 1, y: 2 }] });
    await expect(pending).resolves.toEqual([{ id: 'a', x: 1, y: 2 }]);
    // No timer is left to stop it later.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(worker!.terminated).toBe(false);
    const again = layout({ map });
    expect(FakeWorker.made).toHaveLength(1);
    worker!.answer({ id: worker!.sent[1]!.id, error: 'boom' });
    await expect(again).rejects.toThrow('boom');
  });

  it('[CL-AL2] a layout past its limit terminates the worker and rejects with LayoutTimeout; the next starts a fresh one', async () => {
    const layout = timedWorkerLayout(20_000);
    const pending = layout({ map: '{}' });
    const outcome = pending.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(19_999);
    expect(FakeWorker.made[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeInstanceOf(LayoutTimeout);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    // A late answer of the old worker changes nothing; the next layout has a worker of its own.
    FakeWorker.made[0]!.answer({ id: FakeWorker.made[0]!.sent[0]!.id, moves: [] });
    const next = layout({ map: '{}' });
    expect(FakeWorker.made).toHaveLength(2);
    const fresh = FakeWorker.made[1]!;
    fresh.answer({ id: fresh.sent[0]!.id, moves: [] });
    await expect(next).resolves.toEqual([]);
  });

  it('[CL-AL2] a worker that fails (a script that did not load) rejects the layout and is replaced', async () => {
    const layout = timedWorkerLayout(20_000);
    const pending = layout({ map: '{}' });
    FakeWorker.made[0]!.onerror?.({ message: 'failed to load' });
    await expect(pending).rejects.toThrow('failed to load');
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    void layout({ map: '{}' });
    expect(FakeWorker.made).toHaveLength(2);
  });
});
