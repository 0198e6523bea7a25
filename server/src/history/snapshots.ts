/**
 * A map's history (rules SV-V1-SV-V3): taking snapshots of a document (its JSON v1 export,
 * gzipped, built in a worker thread), their limits, automatic ones deduplicated and thinned.
 */
import { randomBytes } from 'node:crypto';
import type { SnapshotReason, SnapshotRecord, Storage } from '../storage/types.js';
import type { JsonWork } from '../work/json-work.js';
import { snapshotsToThin } from './thinning.js';

/** The documented limits of a map's history (SV-V1). */
export const SNAPSHOT_LIMITS = {
  /** Characters of a snapshot's name (after trimming; at least 1). */
  nameChars: 100,
  /** Characters of an author's name. */
  authorChars: 100,
  /** Named snapshots one map keeps; saving one more is refused until one is deleted. */
  namedPerMap: 200,
} as const;

/** Saving a named snapshot over `SNAPSHOT_LIMITS.namedPerMap`. */
export class TooManySnapshots extends Error {
  override readonly name = 'TooManySnapshots';
}

/** What a snapshot is: named by an editor, or automatic with its reason. */
export type SnapshotRequest =
  | { readonly kind: 'named'; readonly name: string; readonly author: string }
  | { readonly kind: 'auto'; readonly reason: SnapshotReason; readonly author: string };

/** Snapshot ids sort by time: base-36 milliseconds, then random characters. */
const newSnapshotId = (now: number): string =>
  `${now.toString(36).padStart(9, '0')}-${randomBytes(6).toString('base64url')}`;

/** Takes, thins and looks up snapshots. */
export class Snapshots {
  constructor(
    private readonly storage: Storage,
    private readonly work: JsonWork,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a snapshot of the document `doc` (its update parts). A named one over the limit throws
   * `TooManySnapshots`. An automatic one whose content equals the newest snapshot's is not stored
   * again: that snapshot is returned. After an automatic one, the map's old ones are thinned.
   */
  async take(mapId: string, doc: readonly Uint8Array[], request: SnapshotRequest): Promise<SnapshotRecord> {
    const list = await this.storage.listSnapshots(mapId);
    if (request.kind === 'named' && list.filter((s) => s.kind === 'named').length >= SNAPSHOT_LIMITS.namedPerMap) {
      throw new TooManySnapshots(
        `a map keeps at most ${SNAPSHOT_LIMITS.namedPerMap} named snapshots; delete one first`,
      );
    }
    const content = await this.work.snapshot(doc);
    const newest = list[0];
    if (request.kind === 'auto' && newest && newest.hash === content.hash) return newest;
    const createdAt = Math.max(this.now(), (newest?.createdAt ?? 0) + 1);
    const record: SnapshotRecord = {
      id: newSnapshotId(createdAt),
      mapId,
      name: request.kind === 'named' ? request.name : '',
      createdAt,
      author: request.author,
      kind: request.kind,
      ...(request.kind === 'auto' ? { reason: request.reason } : {}),
      format: 'json-v1+gzip',
      bytes: content.gzip.byteLength,
      hash: content.hash,
    };
    await this.storage.addSnapshot(record, content.gzip);
    if (request.kind === 'auto') {
      const gone = snapshotsToThin([record, ...list], createdAt);
      if (gone.length > 0) await this.storage.deleteSnapshots(mapId, gone);
    }
    return record;
  }

  list(mapId: string): Promise<SnapshotRecord[]> {
    return this.storage.listSnapshots(mapId);
  }

  get(mapId: string, id: string): Promise<{ record: SnapshotRecord; content: Uint8Array } | undefined> {
    return this.storage.getSnapshot(mapId, id);
  }

  /** Deletes a named snapshot; false if there is none by that id. */
  async remove(mapId: string, id: string): Promise<boolean> {
    return (await this.storage.deleteSnapshots(mapId, [id])) > 0;
  }
}
