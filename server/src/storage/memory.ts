import type { MapRecord, Storage, StoredDocument } from './types.js';

interface Entry {
  record: MapRecord;
  snapshot: Uint8Array | undefined;
  snapshotSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  nextSeq: number;
}

/** Storage in process memory: for tests and benches. Copies bytes in and out like a real backend. */
export class MemoryStorage implements Storage {
  readonly #maps = new Map<string, Entry>();
  #closed = false;

  #entry(id: string): Entry {
    if (this.#closed) throw new Error('storage is closed');
    const entry = this.#maps.get(id);
    if (!entry) throw new Error(`no map ${id}`);
    return entry;
  }

  createMap(record: MapRecord, initialUpdate?: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    if (this.#maps.has(record.id)) return Promise.reject(new Error(`map ${record.id} exists`));
    const updates = initialUpdate ? [{ seq: 1, data: initialUpdate.slice() }] : [];
    this.#maps.set(record.id, { record: { ...record }, snapshot: undefined, snapshotSeq: 0, updates, nextSeq: 2 });
    return Promise.resolve();
  }

  getMap(id: string): Promise<MapRecord | undefined> {
    const entry = this.#maps.get(id);
    return Promise.resolve(entry ? { ...entry.record } : undefined);
  }

  hasMap(id: string): Promise<boolean> {
    return Promise.resolve(this.#maps.has(id));
  }

  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void> {
    try {
      const entry = this.#entry(id);
      entry.record = { ...entry.record, editTokenHash, viewTokenHash };
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  loadDocument(id: string): Promise<StoredDocument> {
    try {
      const entry = this.#entry(id);
      const updates = [...(entry.snapshot ? [entry.snapshot] : []), ...entry.updates.map((u) => u.data)].map((u) =>
        u.slice(),
      );
      const lastSeq = entry.updates.at(-1)?.seq ?? entry.snapshotSeq;
      return Promise.resolve({ updates, lastSeq, bytes: updates.reduce((n, u) => n + u.byteLength, 0) });
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  appendUpdate(id: string, update: Uint8Array): Promise<number> {
    try {
      const entry = this.#entry(id);
      const seq = entry.nextSeq++;
      entry.updates.push({ seq, data: update.slice() });
      return Promise.resolve(seq);
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    try {
      const entry = this.#entry(id);
      entry.snapshot = snapshot.slice();
      entry.snapshotSeq = Math.max(entry.snapshotSeq, throughSeq);
      entry.updates = entry.updates.filter((u) => u.seq > throughSeq);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
