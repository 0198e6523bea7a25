import { ORIGINS } from '@ketenkaart/shared';
import type * as Y from 'yjs';

const key = (id: string): string => `ketenkaart:unsynced:${id}`;

/** Whether a transaction is a local edit by this user (one the unsynced count counts). */
export function isLocalEdit(tr: Y.Transaction): boolean {
  return tr.origin === ORIGINS.local && tr.local && tr.changed.size > 0;
}

/** The unsynced count stored on this device for a map (0 if none), so a reload still shows it. */
export function loadUnsynced(id: string): number {
  const stored = Number(localStorage.getItem(key(id)) ?? '0');
  return Number.isFinite(stored) ? stored : 0;
}

export function storeUnsynced(id: string, count: number): void {
  try {
    if (count === 0) localStorage.removeItem(key(id));
    else localStorage.setItem(key(id), String(count));
  } catch {
    // storage may be full or blocked; the count is only a hint
  }
}
