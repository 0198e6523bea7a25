/** The in-memory storage backend, for tests and benches (rule SV-S8). */
import { attempt } from './attempt.js';
import {
  SeqCompactedError,
  type Append,
  type MapRecord,
  type SeqUpdate,
  type SnapshotRecord,
  type Storage,
  type StoredDocument,
} from './types.js';

interface Entry {
  record: MapRecord;
  snapshot: Uint8Array | undefined;
  snapshotSeq: number;
  /** The map's last seq (rule SV-G1): seqs count per map, through compactions. */
  lastSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  versions: { record: SnapshotRecord; content: Uint8Array }[];
}

/** Newest first, ties broken by id (later first), as SQLite orders them. */
const newestFirst = (a: SnapshotRecord, b: SnapshotRecord): number =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

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

  createMap(record: MapRecord, initial: readonly Uint8Array[] = []): Promise<void> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      if (this.#maps.has(record.id)) throw new Error(`map ${record.id} exists`);
      const updates = initial.map((u, i) => ({ seq: i + 1, data: u.slice() }));
      this.#maps.set(record.id, {
        record: { ...record },
        snapshot: undefined,
        snapshotSeq: 0,
        lastSeq: updates.length,
        updates,
        versions: [],
      });
    });
  }

  getMap(id: string): Promise<MapRecord | undefined> {
    return attempt(() => {
      const entry = this.#maps.get(id);
      return entry ? { ...entry.record } : undefined;
    });
  }

  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void> {
    return attempt(() => {
      const entry = this.#entry(id);
      entry.record = { ...entry.record, editTokenHash, viewTokenHash };
    });
  }

  loadDocument(id: string): Promise<StoredDocument> {
    return attempt(() => {
      const entry = this.#entry(id);
      const stored = [...(entry.snapshot ? [entry.snapshot] : []), ...entry.updates.map((u) => u.data)];
      const updates = stored.map((u) => u.slice());
      const lastSeq = entry.updates.at(-1)?.seq ?? entry.snapshotSeq;
      return { updates, lastSeq, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
    });
  }

  loadUpdatesAfter(id: string, afterSeq: number): Promise<SeqUpdate[]> {
    return attempt(() => {
      const entry = this.#entry(id);
      if (afterSeq < entry.snapshotSeq) throw new SeqCompactedError(id, afterSeq, entry.snapshotSeq);
      return entry.updates.filter((u) => u.seq > afterSeq).map((u) => ({ seq: u.seq, update: u.data.slice() }));
    });
  }

  appendUpdates(appends: readonly Append[]): Promise<number[]> {
    return attempt(() => {
      // All or none: every map must exist before anything is appended.
      const entries = appends.map((a) => this.#entry(a.id));
      return appends.map((a, i) => {
        const entry = entries[i]!;
        const seq = ++entry.lastSeq;
        entry.updates.push({ seq, data: a.update.slice() });
        return seq;
      });
    });
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return attempt(() => {
      const entry = this.#entry(id);
      entry.snapshot = snapshot.slice();
      entry.snapshotSeq = Math.max(entry.snapshotSeq, throughSeq);
      entry.updates = entry.updates.filter((u) => u.seq > throughSeq);
    });
  }

  deleteMap(id: string): Promise<boolean> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      return this.#maps.delete(id);
    });
  }

  addSnapshot(record: SnapshotRecord, content: Uint8Array): Promise<void> {
    return attempt(() => {
      const entry = this.#entry(record.mapId);
      if (entry.versions.some((v) => v.record.id === record.id)) throw new Error(`snapshot ${record.id} exists`);
      entry.versions.push({ record: { ...record }, content: content.slice() });
    });
  }

  listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      const entry = this.#maps.get(mapId);
      return (entry?.versions ?? []).map((v) => ({ ...v.record })).sort(newestFirst);
    });
  }

  getSnapshot(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      const v = this.#maps.get(mapId)?.versions.find((x) => x.record.id === id);
      return v ? { record: { ...v.record }, content: v.content.slice() } : undefined;
    });
  }

  deleteSnapshots(mapId: string, ids: readonly string[]): Promise<number> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      const entry = this.#maps.get(mapId);
      if (!entry) return 0;
      const gone = new Set(ids);
      const before = entry.versions.length;
      entry.versions = entry.versions.filter((v) => !gone.has(v.record.id));
      return before - entry.versions.length;
    });
  }

  deleteSnapshotsOf(mapId: string): Promise<void> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      const entry = this.#maps.get(mapId);
      if (entry) entry.versions = [];
    });
  }

  countMaps(): Promise<number> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
      return this.#maps.size;
    });
  }

  check(): Promise<void> {
    return attempt(() => {
      if (this.#closed) throw new Error('storage is closed');
    });
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
