/**
 * Bench: how long the server's event loop is blocked while it imports (POST /api/maps with a
 * body) and exports (GET export.json) generated 5,000- and 20,000-step maps, the JSON and Y.Doc
 * work running in its worker threads; beside the reference, the same work (`runTask`) done on
 * this process's main thread as the server did it before, with the ratio. Export is measured with
 * the map not in memory (read from SQLite) and with its room in memory (a viewer has it open);
 * the block while that viewer opens the map (the room's load, decoded in a work thread, SV-W4,
 * beside `DocState.load` on this thread); and a replacement (PUT .../content) that changes every
 * label, built in the worker with the state it leads to, and taken by the room as is. It checks what it measured: the export
 * holds every step and flow of the file.
 * Target: longest block <= 100 ms.
 * Run: node --import tsx bench/server-json.ts   (after pnpm build)
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { parseMapFile } from '@ketenkaart/shared';
import { DocState } from '../server/dist/document/doc-state.js';
import { runTask } from '../server/dist/work/tasks.js';
import { generateMapFile } from './lib/generate.js';
import { median, printTable } from './lib/report.js';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';
import { SyncClient } from './lib/sync-client.js';

const SIZES = [5_000, 20_000];
/** Runs of each measurement; the figures are the worst block and the median request time. */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const TARGET_MS = 100;

interface Measured {
  /** Longest event-loop block in the server child during the requests (ms). */
  blocked: number;
  /** Median time of one request, client side (ms). */
  ms: number;
}

/** Runs `request` RUNS times against the child; the child's longest event-loop block over them. */
async function measure(
  server: ServerProcess,
  request: () => Promise<void>,
  before?: () => Promise<void>,
): Promise<Measured> {
  let blocked = 0;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (before) await before();
    await server.stats(); // resets the child's event-loop histogram
    const start = performance.now();
    await request();
    times.push(performance.now() - start);
    blocked = Math.max(blocked, (await server.stats()).loopDelayMax);
  }
  return { blocked, ms: median(times) };
}

/** The reference: the same task on this thread, as the server ran it before; the block is its duration. */
async function inline(task: Parameters<typeof runTask>[0]): Promise<Measured> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await runTask(task);
    times.push(performance.now() - start);
  }
  return { blocked: Math.max(...times), ms: median(times) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rows: string[][] = [['', 'longest block', 'request', 'inline (reference)', 'ratio', 'target']];
const verdict = (ms: number) => `<= ${TARGET_MS} ms ${ms <= TARGET_MS ? 'OK' : 'MISSED'}`;
const checks: string[] = [];

for (const steps of SIZES) {
  const file = generateMapFile({ steps, partners: 12, seed: 42 });
  const text = JSON.stringify(file);
  const server = await startServerProcess('ours', { KETENKAART_EVICT_AFTER_MS: '200' });
  try {
    const created: { id: string; editToken: string; viewToken: string }[] = [];
    const post = async (): Promise<void> => {
      const res = await fetch(`${server.url}/api/maps`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: text,
      });
      if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
      created.push((await res.json()) as { id: string; editToken: string; viewToken: string });
    };
    let exported = '';
    const get = async (): Promise<void> => {
      const map = created[0]!;
      const res = await fetch(`${server.url}/api/maps/${map.id}/export.json?token=${map.viewToken}`);
      if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
      exported = await res.text();
    };
    // Warm-up: the worker thread starts and compiles its code.
    await post();
    await get();
    const imported = await measure(server, post);
    const stored = await measure(server, get, async () => {
      while ((await server.stats()).rooms > 0) await sleep(50); // not in memory: read from SQLite
    });
    await server.stats();
    const viewer = new SyncClient(server.url, created[0]!.id, created[0]!.viewToken);
    const joinStart = performance.now();
    await viewer.synced;
    const join = { blocked: (await server.stats()).loopDelayMax, ms: performance.now() - joinStart };
    const warm = await measure(server, get);
    // Replace: every label changed, so the update touches every step (built in the worker thread,
    // then applied, stored and broadcast by the room on the main thread).
    const changed = (round: number): string =>
      JSON.stringify({ ...file, steps: file.steps.map((s) => ({ ...s, label: `${s.label} (${round})` })) });
    const bodies = Array.from({ length: RUNS }, (_, i) => changed(i + 1));
    const replaced = await measure(server, async () => {
      const map = created[0]!;
      const res = await fetch(`${server.url}/api/maps/${map.id}/content`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${map.editToken}` },
        body: bodies.shift()!,
      });
      if (res.status !== 200) throw new Error(`replace: ${res.status} ${await res.text()}`);
    });
    // The machine's own noise: the child's longest block over an idle window as long as a
    // replacement took, with no request at all. On a loaded machine every row above includes it.
    await server.stats();
    await sleep(Math.min(5_000, replaced.ms));
    const idle = { blocked: (await server.stats()).loopDelayMax, ms: 0 };
    viewer.close();

    const back = parseMapFile(exported);
    const ids = new Set(back.steps.map((s) => s.id));
    const complete =
      back.steps.length === steps &&
      file.steps.every((s) => ids.has(s.id)) &&
      back.flows.length === file.flows.length &&
      back.partners.length === file.partners.length;
    checks.push(
      `${steps} steps: export holds ${back.steps.length} steps, ${back.flows.length} flows: ${complete ? 'OK' : 'WRONG'}`,
    );
    if (!complete) process.exitCode = 1;

    const doc = new Y.Doc();
    const update = await runTask({ kind: 'import', text });
    if (update.kind !== 'created') throw new Error('reference import failed');
    const parts = update.parts;
    for (const part of parts) Y.applyUpdate(doc, part);
    const loadTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      DocState.load(parts);
      loadTimes.push(performance.now() - start);
    }
    const reference = {
      load: { blocked: Math.max(...loadTimes), ms: median(loadTimes) },
      import: await inline({ kind: 'import', text }),
      export: await inline({ kind: 'export', doc: parts }),
      replace: await inline({ kind: 'replace', text: changed(1), doc: parts }),
    };
    doc.destroy();

    const row = (name: string, m: Measured, ref: Measured) =>
      rows.push([
        name,
        `${m.blocked.toFixed(1)} ms`,
        `${m.ms.toFixed(0)} ms`,
        `${ref.blocked.toFixed(0)} ms`,
        `${(m.blocked / ref.blocked).toFixed(3)}x`,
        verdict(m.blocked),
      ]);
    const kb = (text.length / 1024 / 1024).toFixed(1);
    row(`import ${steps} steps (${kb} MB)`, imported, reference.import);
    row(`export ${steps} steps, not in memory`, stored, reference.export);
    row(`export ${steps} steps, room in memory`, warm, reference.export);
    row(`replace ${steps} steps (all labels)`, replaced, reference.replace);
    row(`a viewer opens it (room load)`, join, reference.load);
    rows.push([`idle, no request (noise floor)`, `${idle.blocked.toFixed(1)} ms`, '', '', '', '']);
  } finally {
    await server.stop();
  }
}

console.log(`server JSON bench: event loop of the server child, worst of ${RUNS} runs; reference on the main thread`);
console.log(`  load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`);
printTable(rows);
for (const c of checks) console.log(`  check: ${c}`);
process.exit(process.exitCode ?? 0);
