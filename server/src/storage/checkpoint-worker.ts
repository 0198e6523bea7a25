/**
 * The checkpoint thread (rule SV-S10): its own connection to the database copies the WAL into the
 * database file once the WAL has grown past `minWalBytes`, so that the connection that appends
 * never waits for the copy and its fsync.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointPolicy } from './checkpointer.js';

/** What the thread is started with. */
export interface CheckpointInput {
  readonly dbFile: string;
  readonly policy: CheckpointPolicy;
}

const { dbFile, policy } = (workerData as { input: CheckpointInput }).input;
const db = new Database(dbFile);
db.pragma('busy_timeout = 1000');

/** The WAL file's size and last change; SQLite reuses the file from its start, so it never shrinks. */
const walFile = (): { size: number; changed: number } => {
  try {
    const s = statSync(`${dbFile}-wal`);
    return { size: s.size, changed: s.mtimeMs };
  } catch {
    return { size: 0, changed: 0 };
  }
};

/** When the WAL last changed as of a checkpoint that copied all of it: nothing to do until it changes. */
let copiedAsOf = -1;
const timer = setInterval(() => {
  const wal = walFile();
  if (wal.size < policy.minWalBytes || wal.changed === copiedAsOf) return;
  try {
    // PASSIVE never blocks the writer; what it cannot copy now it copies next time.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    copiedAsOf = result && result.busy === 0 && result.checkpointed === result.log ? wal.changed : -1;
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: String(e) });
  }
}, policy.intervalMs);

parentPort?.on('message', (m: unknown) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
