/**
 * Deleting a map everywhere (rule SV-O1), for `DELETE /api/maps/:id` and the admin endpoint: its
 * rows, its room and open sockets (4410), token checks in flight, and its place in the quota.
 */
import type { ServerConfig } from '../config.js';
import type { LinkRotation } from '../links/link-rotation.js';
import type { Rooms } from '../rooms/rooms.js';
import type { Storage } from '../storage/types.js';
import type { MapCreationLimits } from './map-creation.js';

/** What a deletion touches. */
export interface MapDeletionDeps {
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly rooms: Rooms;
  readonly linkRotation: LinkRotation;
  readonly creation: Pick<MapCreationLimits, 'deleted'>;
}

/** Deletes map `id`; false when there was no such map. A storage failure rejects (a 503, SV-S5). */
export async function deleteMapEverywhere(id: string, deps: MapDeletionDeps): Promise<boolean> {
  const removed = await deps.rooms.delete(id, () => deps.storage.deleteMap(id));
  // After the rows are gone, like a rotation: a check that starts later finds no map (4404).
  deps.linkRotation.deleted(id);
  if (removed) {
    deps.creation.deleted();
    deps.config.logger.info({ room: id }, 'map deleted');
  }
  return removed;
}
