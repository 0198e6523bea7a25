/**
 * The storage thread (rule SV-S13): one `SqliteStorage` whose reads and writes happen here, so
 * that the rooms' thread never waits for SQLite or the file system. Calls are served as they
 * come; each method is synchronous inside, so they run one after the other, as they would on
 * one connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStorage, type SqliteReadiness } from './sqlite.js';
import { ownBytes, toWire, type Call, type Message } from './thread-wire.js';

/** What the thread is started with. */
export interface StorageThreadInput {
  readonly dataDir: string;
  readonly readiness: SqliteReadiness;
}

const port = parentPort;
if (!port) throw new Error('sqlite-thread-worker runs only as a worker thread');
const input = (workerData as { input: StorageThreadInput }).input;
const post = (m: Message, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

let storage: SqliteStorage | undefined;
try {
  storage = new SqliteStorage(input.dataDir, undefined, (line) => post({ kind: 'log', line }), input.readiness);
  post({ kind: 'ready' });
} catch (e) {
  post({ kind: 'failed', error: toWire(e) });
}

port.on('message', (call: Call) => {
  void serve(call);
});

async function serve({ id, method, args }: Call): Promise<void> {
  try {
    if (!storage) throw new Error('the storage did not open');
    const value = await (storage[method].bind(storage) as (...a: unknown[]) => Promise<unknown>)(...args);
    const transfer = new Set<ArrayBuffer>();
    const owned = ownBytes(value, transfer);
    post({ kind: 'result', id, value: owned }, [...transfer]);
    if (method === 'close') port?.close();
  } catch (e) {
    post({ kind: 'error', id, error: toWire(e) });
  }
}
