/** What a page keeps of a map on its device (y-indexeddb), read from inside the page. */
import type { Page } from 'playwright-core';

/** The IndexedDB database in which the client caches a map opened with a given role (client's mapCache). */
export function cacheName(id: string, role: 'edit' | 'view' = 'edit'): string {
  return `ketenkaart:${role}:${id}`;
}

/**
 * Whether this page's IndexedDB cache of a map already holds `text` (Yjs stores strings as UTF-8,
 * so a stored label appears verbatim in some update). A reload before the write has committed
 * would test IndexedDB's timing, not the app.
 */
export async function cachedInIndexedDb(page: Page, name: string, text: string): Promise<boolean> {
  return page.evaluate(
    async ({ name, text }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      try {
        if (!db.objectStoreNames.contains('updates')) return false;
        const updates = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('updates').objectStore('updates').getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
        const needle = new TextEncoder().encode(text);
        return updates.some((u) => {
          const bytes = u as Uint8Array;
          outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
            for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
            return true;
          }
          return false;
        });
      } finally {
        db.close();
      }
    },
    { name, text },
  );
}
