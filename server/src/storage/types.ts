/** The storage contract every backend implements (rules SV-S1-S6, SV-S8, SV-H10, SV-H13). */

/** A map's access record. Tokens are stored only as SHA-256 hashes. */
export interface MapRecord {
  readonly id: string;
  readonly editTokenHash: string;
  readonly viewTokenHash: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** What a compaction tells the maps table about the map (rule SV-O3): shown by the admin command line. */
export interface MapAbout {
  /** The title in the compacted document. */
  readonly title: string;
  /** When the room last stored an update (ms since the epoch); 0 when it stored none since loading. */
  readonly changedAt: number;
}

/** What `loadDocument` returns: the snapshot (if any) and the updates after it, in order. */
export interface StoredDocument {
  readonly updates: readonly Uint8Array[];
  /** Sequence number of the last update returned (0 when there is none). */
  readonly lastSeq: number;
  /** Total bytes of the returned updates. */
  readonly bytes: number;
}

/** One stored update with its sequence number, as `loadUpdatesAfter` returns it. */
export interface SeqUpdate {
  readonly seq: number;
  readonly update: Uint8Array;
}

/**
 * `loadUpdatesAfter` was asked for updates a compaction already folded into the map's snapshot
 * (rule SV-G2): the caller must reload the whole document (`loadDocument`) instead. Not a
 * failure of the backend: `guardStorage` passes it through as it is.
 */
export class SeqCompactedError extends Error {
  override readonly name = 'SeqCompactedError';
  constructor(
    readonly mapId: string,
    readonly afterSeq: number,
    /** The snapshot's `through_seq`: updates up to it exist only inside the snapshot. */
    readonly throughSeq: number,
  ) {
    super(`map ${mapId}: updates after ${afterSeq} were compacted into the snapshot through ${throughSeq}`);
  }
}

/** One update for `appendUpdates`. */
export interface Append {
  readonly id: string;
  readonly update: Uint8Array;
}

/** Why the server took an automatic snapshot (rule SV-V2). */
export const SNAPSHOT_REASONS = ['replace', 'restore', 'layout', 'daily'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/**
 * One version of a map kept in its history (rules SV-V1, SV-V2): a named snapshot an editor
 * saved, or an automatic one. The content is stored beside the record, as `format` says.
 */
export interface SnapshotRecord {
  readonly id: string;
  readonly mapId: string;
  /** The editor's name for it; for an automatic one, empty. */
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** The name of the person who saved it (or whose action took it), as they gave it; may be empty. */
  readonly author: string;
  readonly kind: 'named' | 'auto';
  /** Why an automatic snapshot was taken; undefined for a named one. */
  readonly reason?: SnapshotReason | undefined;
  /** How the content is stored: `json-v1+gzip` is the JSON v1 export, gzipped. */
  readonly format: 'json-v1+gzip';
  /** Bytes of the stored content. */
  readonly bytes: number;
  /** SHA-256 (hex) of the uncompressed content: equal content, equal hash. */
  readonly hash: string;
}

/**
 * Durable storage of maps. Every backend must pass
 * `test/storage-contract.test.ts`. Methods are async so a networked backend fits;
 * the server never runs two calls for the same map at once.
 */
export interface Storage {
  /**
   * Creates a map with its first updates (the parts of SV-S12, stored in this order as its first
   * seqs). Throws if the id exists. One part is written atomically with the record; several may
   * be written in turns of their own (SV-S12), and a creation that fails part-way deletes the map.
   */
  createMap(record: MapRecord, initial?: readonly Uint8Array[]): Promise<void>;
  /** The map's record, or undefined if there is no such map. */
  getMap(id: string): Promise<MapRecord | undefined>;
  /** Replaces both token hashes (link rotation). */
  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void>;
  /** The snapshot followed by every update appended after it. */
  loadDocument(id: string): Promise<StoredDocument>;
  /**
   * The updates of the map with `seq > afterSeq`, in seq order (rule SV-G2): what another
   * instance appended since `afterSeq`. Empty when there is none. Throws `SeqCompactedError`
   * when `afterSeq` is below the snapshot's `through_seq` (those rows are gone), and an ordinary
   * error for an unknown map.
   */
  loadUpdatesAfter(id: string, afterSeq: number): Promise<SeqUpdate[]>;
  /**
   * Optional, for backends shared by several instances (PostgreSQL, rule SV-G3): the caller's
   * document now holds these seqs of the map, which another instance stored and which reached
   * this one some other way than this backend (a published message). Without it such a backend
   * compacts only up to the first seq it has not handed out itself.
   */
  noteApplied?(id: string, seqs: readonly number[]): void;
  /**
   * Appends updates to one or more maps in one transaction (all or none, in order) and returns
   * their sequence numbers: a group commit of what arrived together (rule SV-S2). A map's seqs
   * increase by exactly 1 per update, from 1, and keep counting after a compaction (rule SV-G1),
   * so a gap in the seqs another instance announces means a missed update.
   */
  appendUpdates(appends: readonly Append[]): Promise<number[]>;
  /**
   * Replaces the snapshot and every update with `seq <= throughSeq` by `snapshot`, in one
   * transaction; the snapshot is written before the old rows are deleted. `about`, when given, is
   * stored with the map's record in the same transaction (a later `changedAt` only).
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number, about?: MapAbout): Promise<void>;
  /**
   * Deletes the map for good, in one transaction: its updates, its snapshot, its history
   * (rule SV-V1) and its record with the token hashes (rule SV-O1). Resolves false when there
   * was no such map.
   */
  deleteMap(id: string): Promise<boolean>;
  /** Stores a snapshot of a map and its content (rule SV-V1). Throws if the map does not exist. */
  addSnapshot(record: SnapshotRecord, content: Uint8Array): Promise<void>;
  /** The map's snapshots, newest first (ties: later id first); empty for an unknown map. */
  listSnapshots(mapId: string): Promise<SnapshotRecord[]>;
  /** One snapshot with its content, or undefined. */
  getSnapshot(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined>;
  /** Deletes these snapshots of the map; returns how many existed. */
  deleteSnapshots(mapId: string, ids: readonly string[]): Promise<number>;
  /** Deletes every snapshot of the map in one statement. */
  deleteSnapshotsOf(mapId: string): Promise<void>;
  /** How many maps are stored (the quota of rule SV-H13). */
  countMaps(): Promise<number>;
  /**
   * Resolves when the backend can read and write now; rejects with the reason otherwise
   * (readiness, rule SV-H10). Cheap: the server calls it at most every couple of seconds.
   */
  check(): Promise<void>;
  /** Finishes pending writes and releases the backend. */
  close(): Promise<void>;
}
