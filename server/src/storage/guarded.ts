/**
 * Storage failures as one error type (rule SV-S5): the HTTP side and link rotation call storage
 * through `guardStorage`, so whatever a backend throws reaches the router as a `StorageError`,
 * which it answers with 503, never as an unknown error answered with 500.
 */
import { SeqCompactedError, type Storage } from './types.js';

/** A storage call failed; `cause` is what the backend threw. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(operation: string, cause: unknown) {
    super(`storage ${operation} failed: ${String(cause)}`, { cause });
  }
}

type Method = Exclude<keyof Storage, 'close' | 'noteApplied'>;

/** `storage` with every call but `close` failing as a `StorageError`. */
export function guardStorage(storage: Storage): Storage {
  const methods = storage as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  const guard = <K extends Method>(name: K): Storage[K] =>
    (async (...args: unknown[]) => {
      try {
        return await methods[name].apply(storage, args);
      } catch (e) {
        // Not a failure: the caller acts on it (rule SV-G2).
        if (e instanceof SeqCompactedError) throw e;
        throw new StorageError(name, e);
      }
    }) as Storage[K];
  return {
    createMap: guard('createMap'),
    getMap: guard('getMap'),
    setTokenHashes: guard('setTokenHashes'),
    loadDocument: guard('loadDocument'),
    loadUpdatesAfter: guard('loadUpdatesAfter'),
    appendUpdates: guard('appendUpdates'),
    compact: guard('compact'),
    deleteMap: guard('deleteMap'),
    addSnapshot: guard('addSnapshot'),
    listSnapshots: guard('listSnapshots'),
    getSnapshot: guard('getSnapshot'),
    deleteSnapshots: guard('deleteSnapshots'),
    deleteSnapshotsOf: guard('deleteSnapshotsOf'),
    countMaps: guard('countMaps'),
    check: guard('check'),
    close: () => storage.close(),
    // Synchronous bookkeeping, no storage call: nothing to guard.
    ...(storage.noteApplied ? { noteApplied: storage.noteApplied.bind(storage) } : {}),
  };
}
