/**
 * Bench: an online backup (`ketenkaart backup`, `VACUUM INTO` on a connection of its own, server
 * rule SV-O2) of a database of 200 generated maps, against the reference of copying the same
 * file with `copyFileSync` (what `cp` does: the I/O floor, but not safe while the server runs).
 * Medians of 5 runs of each, alternating, with the ratio and the copy's size.
 * Run: node --import tsx bench/server-backup.ts (after `pnpm build`)
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { applyMapFile } from '@ketenkaart/shared';
import { SqliteStorage } from '../server/dist/index.js';
import { backupDataDir } from '../server/dist/storage/backup.js';
import { generateMapFile } from './lib/generate.js';
import { median, printTable } from './lib/report.js';

const MAPS = 200;
const RUNS = 5;
const dir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-bench-backup-'));
try {
  const storage = new SqliteStorage(path.join(dir, 'data'));
  for (let i = 0; i < MAPS; i++) {
    const doc = new Y.Doc();
    applyMapFile(doc, generateMapFile({ steps: 150, partners: 6, seed: i }));
    const record = {
      id: `map${String(i).padStart(19, '0')}`,
      editTokenHash: 'e'.repeat(64),
      viewTokenHash: 'v'.repeat(64),
      createdAt: Date.now(),
    };
    await storage.createMap(record, [Y.encodeStateAsUpdate(doc)]);
    doc.destroy();
  }
  await storage.close(); // folds the WAL into the file, so the reference copies everything
  const source = path.join(dir, 'data', 'ketenkaart.db');
  const ours: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    copyFileSync(source, path.join(dir, `copy-${run}.db`));
    reference.push(performance.now() - t);
    t = performance.now();
    backupDataDir(path.join(dir, 'data'), path.join(dir, `backup-${run}.db`));
    ours.push(performance.now() - t);
  }
  const size = statSync(source).size;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  printTable([
    ['figure', 'value'],
    ['database', `${MAPS} maps, ${(size / 1024 / 1024).toFixed(1)} MB`],
    ['copyFileSync (reference)', ms(median(reference))],
    ['backup: VACUUM INTO + quick_check', ms(median(ours))],
    ['ratio backup / reference', `${(median(ours) / median(reference)).toFixed(1)}x`],
    ['backup throughput', `${(size / 1024 / 1024 / (median(ours) / 1000)).toFixed(0)} MB/s`],
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
