/**
 * Bench: a map's history on a generated 1,000-step map (12 lanes, `lib/generate.ts` seed 42).
 * Server side, in this process as the worker thread and the SQLite backend run it: taking a
 * snapshot (the JSON v1 export of the document, gzipped, its SHA-256, stored in SQLite); beside
 * it the reference, the plain JSON export of the same document (`runTask` export), with the
 * ratio. Over HTTP, against the built server in a child process: POST .../snapshots and
 * GET .../diff (client-side time, so an upper bound of the server's). The diff of two versions
 * (`diffMaps`; the second has 50 labels changed, 100 steps moved, 20 removed, 20 added) beside the
 * same reference. Storage per snapshot in bytes beside the map's own size (its JSON export and its
 * Yjs state). It checks what it measured: the diff applied to the first version gives the second,
 * the stored snapshot is the map's export, a restore gives it back exactly.
 * Targets: snapshot <= 100 ms, diff <= 50 ms.
 * Run: node --import tsx bench/history.ts   (after pnpm build)
 */
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { applyDiff, diffMaps, parseMapFile, type MapFile } from '@ketenkaart/shared';
import { SqliteStorage } from '../server/dist/storage/sqlite.js';
import { runTask } from '../server/dist/work/tasks.js';
import { generateMapFile } from './lib/generate.js';
import { median, printTable } from './lib/report.js';
import { startServerProcess } from './lib/server-process.js';

const STEPS = 1_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);
const SNAPSHOT_TARGET_MS = 100;
const DIFF_TARGET_MS = 50;

const time = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const medianOf = (fn: () => unknown): number => {
  fn(); // warm-up
  return median(Array.from({ length: RUNS }, () => time(fn)));
};
const asyncMedianOf = async (fn: () => Promise<unknown>): Promise<number> => {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
};

/** The second version: 50 labels changed, 100 steps moved, 20 removed (with their flows), 20 added. */
function edited(file: MapFile): MapFile {
  const gen = prng.create(7);
  const steps = file.steps.map((s) => ({ ...s }));
  for (let i = 0; i < 50; i++) steps[prng.uint32(gen, 0, steps.length - 1)]!.label += ' (herzien)';
  for (let i = 0; i < 100; i++) {
    const s = steps[prng.uint32(gen, 0, steps.length - 1)]!;
    s.x = (s.x ?? 0) + 40;
  }
  // Every 37th step from the 3rd: 20 distinct ones.
  const gone = new Set(Array.from({ length: 20 }, (_, i) => steps[3 + i * 37]!.id));
  const kept = steps.filter((s) => !gone.has(s.id));
  const added = Array.from({ length: 20 }, (_, i) => ({ ...kept[i]!, id: `new${i}`, label: `Nieuwe stap ${i}` }));
  return {
    ...file,
    steps: [...kept, ...added],
    flows: file.flows.filter((f) => !gone.has(f.from) && !gone.has(f.to)),
  };
}

const file = generateMapFile({ steps: STEPS, partners: 12, seed: 42 });
const imported = await runTask({ kind: 'import', text: JSON.stringify(file) });
if (imported.kind !== 'created') throw new Error('import failed');
const doc = imported.parts;
const exported = await runTask({ kind: 'export', doc });
if (exported.kind !== 'file') throw new Error('export failed');
const exportText = new TextDecoder().decode(exported.bytes);
const checks: string[] = [];
const check = (what: string, ok: boolean): void => {
  checks.push(`${what}: ${ok ? 'OK' : 'WRONG'}`);
  if (!ok) process.exitCode = 1;
};

// Server side: the snapshot task and the SQLite row, as the server does them.
const dir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-bench-history-'));
const storage = new SqliteStorage(dir);
await storage.createMap({ id: 'm', editTokenHash: 'a'.repeat(64), viewTokenHash: 'b'.repeat(64), createdAt: 0 });
let n = 0;
let stored: Uint8Array = new Uint8Array();
// The export task does its work before its first await, so timing the call times the work.
const exportMs = medianOf(() => void runTask({ kind: 'export', doc }));
const snapshotMs = await asyncMedianOf(async () => {
  const r = await runTask({ kind: 'snapshot', doc });
  if (r.kind !== 'snapshot') throw new Error('snapshot failed');
  stored = r.gzip;
  await storage.addSnapshot(
    {
      id: `s${n++}`,
      mapId: 'm',
      name: 'bench',
      createdAt: n,
      author: '',
      kind: 'named',
      format: 'json-v1+gzip',
      bytes: r.gzip.byteLength,
      hash: r.hash,
    },
    r.gzip,
  );
});
const back = await storage.getSnapshot('m', 's0');
check('the stored snapshot is the map export', gunzipSync(back!.content).toString('utf8') === exportText);
await storage.close();
rmSync(dir, { recursive: true, force: true });

// The diff of two versions.
const a = parseMapFile(exportText);
const b = parseMapFile(JSON.stringify(edited(a)));
const bNormal = await (async () => {
  const r = await runTask({ kind: 'import', text: JSON.stringify(b) });
  if (r.kind !== 'created') throw new Error('import b failed');
  const e = await runTask({ kind: 'export', doc: r.parts });
  if (e.kind !== 'file') throw new Error('export b failed');
  return parseMapFile(new TextDecoder().decode(e.bytes));
})();
const diffMs = medianOf(() => diffMaps(a, bNormal));
const diff = diffMaps(a, bNormal);
check('diff(A, B) applied to A gives B', JSON.stringify(applyDiff(a, diff)) === JSON.stringify(bNormal));
check(
  `diff counts (steps +${diff.steps.added.length} -${diff.steps.removed.length} ~${diff.steps.changed.length})`,
  diff.steps.added.length === 20 && diff.steps.removed.length === 20 && diff.steps.changed.length > 100,
);

// Over HTTP: the built server in a child process.
const server = await startServerProcess('ours', {});
let httpSnapshotMs: number;
let httpDiffMs: number;
try {
  const created = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(file),
  });
  const map = (await created.json()) as { id: string; editToken: string; viewToken: string };
  const headers = { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'application/json' };
  let first = '';
  httpSnapshotMs = await asyncMedianOf(async () => {
    const res = await fetch(`${server.url}/api/maps/${map.id}/snapshots`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'bench' }),
    });
    if (res.status !== 201) throw new Error(`snapshot: ${res.status} ${await res.text()}`);
    first ||= ((await res.json()) as { snapshot: { id: string } }).snapshot.id;
  });
  await fetch(`${server.url}/api/maps/${map.id}/content`, { method: 'PUT', headers, body: JSON.stringify(b) });
  httpDiffMs = await asyncMedianOf(async () => {
    const res = await fetch(`${server.url}/api/maps/${map.id}/diff?from=${first}&to=current`, { headers });
    if (res.status !== 200) throw new Error(`diff: ${res.status}`);
    await res.text();
  });
  const restore = await fetch(`${server.url}/api/maps/${map.id}/snapshots/${first}/restore`, {
    method: 'POST',
    headers,
  });
  const after = await fetch(`${server.url}/api/maps/${map.id}/export.json`, { headers });
  check('restore gives the snapshot back exactly', restore.status === 200 && (await after.text()) === exportText);
} finally {
  await server.stop();
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const ok = (x: number, target: number) => `<= ${target} ms ${x <= target ? 'OK' : 'MISSED'}`;
console.log(`history of a ${STEPS}-step map (${file.flows.length} flows, 12 lanes), median of ${RUNS} runs`);
printTable([
  ['', 'ours', 'reference: JSON export', 'ratio', 'target'],
  [
    'snapshot (export + gzip + hash + SQLite row)',
    ms(snapshotMs),
    ms(exportMs),
    `${(snapshotMs / exportMs).toFixed(2)}x`,
    ok(snapshotMs, SNAPSHOT_TARGET_MS),
  ],
  [
    'diff of two versions (diffMaps)',
    ms(diffMs),
    ms(exportMs),
    `${(diffMs / exportMs).toFixed(2)}x`,
    ok(diffMs, DIFF_TARGET_MS),
  ],
  ['POST .../snapshots over HTTP (client side)', ms(httpSnapshotMs), '', '', 'information'],
  ['GET .../diff?to=current over HTTP (client side)', ms(httpDiffMs), '', '', 'information'],
]);
console.log('');
const jsonBytes = Buffer.byteLength(exportText);
printTable([
  ['storage', 'bytes', 'ratio to the JSON export'],
  ['one snapshot (gzipped JSON v1)', String(stored.byteLength), `${(stored.byteLength / jsonBytes).toFixed(3)}x`],
  ['the map as JSON v1 export (reference)', String(jsonBytes), '1.000x'],
  [
    'the map as Yjs state (update v1)',
    String(Y.mergeUpdates([...imported.parts]).byteLength),
    `${(Y.mergeUpdates([...imported.parts]).byteLength / jsonBytes).toFixed(3)}x`,
  ],
]);
console.log('');
for (const c of checks) console.log(`  check: ${c}`);
