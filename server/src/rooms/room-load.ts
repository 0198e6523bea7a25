/** How a room turns its stored document into a `DocState` (rule SV-W4). */
import { DocState } from '../document/doc-state.js';
import type { PreparedLoad } from '../document/prepared.js';

/**
 * SV-W4: from this size a stored document is decoded on a worker thread. Below it the thread's
 * round trip (copying the bytes there and the result back) costs more than it saves.
 */
export const PREPARE_LOAD_FROM_BYTES = 256 * 1024;

/**
 * A large document is decoded by `prepare` on a worker thread, so that opening it stalls no other
 * room; should that thread be busy, over budget or failing, on this one (a map must always open).
 */
export async function decodeStored(
  updates: readonly Uint8Array[],
  bytes: number,
  prepare: ((updates: readonly Uint8Array[]) => Promise<PreparedLoad | null>) | undefined,
): Promise<DocState> {
  if (prepare && bytes >= PREPARE_LOAD_FROM_BYTES) {
    const prepared = await prepare(updates).catch(() => null);
    if (prepared) return DocState.fromPrepared(prepared);
  }
  return DocState.load(updates);
}
