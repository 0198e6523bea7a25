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

/** One update for `appendUpdates`. */
export interface Append {
  readonly id: string;
  readonly update: Uint8Array;
}

/**
 * Durable storage of maps. Every backend must pass
 * `test/storage-contract.test.ts`. Methods are async so a networked backend fits;
 * the server never runs two calls for the same map at once.
 */
export interface Storage {
  /** Creates a map, optionally with a first update, atomically. Throws if the id exists. */
  createMap(record: MapRecord, initialUpdate?: Uint8Array): Promise<void>;
  /** The map's record, or undefined if there is no such map. */
  getMap(id: string): Promise<MapRecord | undefined>;
  /** Replaces both token hashes (link rotation). */
  setTokenHashes(id: string, editTokenHash: string, viewTokenHash: string): Promise<void>;
  /** The snapshot followed by every update appended after it. */
  loadDocument(id: string): Promise<StoredDocument>;
  /**
   * Appends updates to one or more maps in one transaction (all or none, in order) and returns
   * their sequence numbers, increasing per map: a group commit of what arrived together (rule SV-S2).
   */
  appendUpdates(appends: readonly Append[]): Promise<number[]>;
  /**
   * Replaces the snapshot and every update with `seq <= throughSeq` by `snapshot`, in one
   * transaction; the snapshot is written before the old rows are deleted. `about`, when given, is
   * stored with the map's record in the same transaction (a later `changedAt` only).
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number, about?: MapAbout): Promise<void>;
  /**
   * Deletes the map for good, in one transaction: its updates, its snapshot and its record with
   * the token hashes (rule SV-O1). Resolves false when there was no such map.
   */
  deleteMap(id: string): Promise<boolean>;
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
