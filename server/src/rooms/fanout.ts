/**
 * What a room tells the other instances, and when it is in memory (rules SV-N1-N5). The cluster
 * (`cluster/`) implements it when `REDIS_URL` is set; with one instance there is none.
 */
import type { Room } from './room.js';

export interface Fanout {
  /** The room entered memory (it may still be loading): start hearing its map's channel. */
  opened(room: Room): void;
  /** An update this instance accepted was stored with `seq` and broadcast here. */
  stored(room: Room, seq: number, update: Uint8Array): void;
  /** A peer of this instance changed its awareness state (an awareness update, removals included). */
  awareness(room: Room, update: Uint8Array): void;
  /** The room left memory. */
  closed(room: Room): void;
}
