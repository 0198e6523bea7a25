/** The registry of rooms in memory: created on first use, evicted after the last holder (rule SV-S6), dropped when deleted (SV-O1). */
import { RoomFailedError } from '../errors.js';
import { Room, type RoomDeps } from './room.js';
import type { MapRecord } from '../storage/types.js';

/**
 * The rooms in memory. A room is held by connections and HTTP requests, compacted when its last
 * holder leaves and dropped from memory `evictAfterMs` later. A failed room is dropped at once,
 * so the next use loads it afresh.
 */
export class Rooms {
  readonly #rooms = new Map<string, Room>();
  readonly #timers = new Map<Room, NodeJS.Timeout>();
  readonly #deps: Omit<RoomDeps, 'onFailed'>;

  constructor(deps: Omit<RoomDeps, 'onFailed'>) {
    this.#deps = deps;
  }

  /** Rooms in memory. */
  get size(): number {
    return this.#rooms.size;
  }

  /** Every room in memory with its connected clients (the admin command line's `list`, SV-O3). */
  clients(): { id: string; clients: number }[] {
    return [...this.#rooms.values()].map((r) => ({ id: r.id, clients: r.peerCount }));
  }

  /** The ids of the rooms in memory. */
  ids(): string[] {
    return [...this.#rooms.keys()];
  }

  /** Every room in memory (the cluster's catch-ups, SV-N2). */
  all(): Room[] {
    return [...this.#rooms.values()];
  }

  /** The room, if it is in memory. */
  peek(id: string): Room | undefined {
    return this.#rooms.get(id);
  }

  /** Gets or creates (and starts loading) the room and holds it until `release`. */
  acquire(id: string): Room {
    let room = this.#rooms.get(id);
    if (!room) {
      room = new Room(id, { ...this.#deps, onFailed: (r) => this.#drop(r) });
      this.#rooms.set(id, room);
      this.#deps.metrics.rooms.set(this.#rooms.size);
      this.#deps.fanout?.opened(room);
    }
    const timer = this.#timers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.#timers.delete(room);
    }
    room.holders++;
    return room;
  }

  /** Releases a hold; the last one out compacts the room and schedules its eviction. */
  release(room: Room): void {
    room.holders--;
    if (room.holders > 0 || this.#rooms.get(room.id) !== room) return;
    room.run(() => room.compact()).catch(() => {});
    const timer = setTimeout(() => {
      this.#timers.delete(room);
      if (room.holders === 0 && this.#rooms.get(room.id) === room) this.#drop(room);
    }, this.#deps.config.evictAfterMs);
    timer.unref();
    this.#timers.set(room, timer);
  }

  /**
   * SV-O1: deletes map `id` through `remove` (its rows in storage). A room in memory runs it as a
   * task of its queue once every accepted update is stored, so nothing is appended after it; then
   * its sockets are closed with 4410 and it leaves memory. Resolves with what `remove` resolved.
   */
  async delete(id: string, remove: () => Promise<boolean>): Promise<boolean> {
    const room = this.#rooms.get(id);
    if (!room) return remove();
    let removed: boolean;
    try {
      removed = await room.run(async () => {
        await room.whenStored().catch(() => {});
        const result = await remove();
        room.markDeleted();
        return result;
      });
    } catch (e) {
      // The room failed (and left memory) before the task ran: its rows are still there.
      if (e instanceof RoomFailedError) return remove();
      throw e;
    }
    this.#drop(room);
    return removed;
  }

  /**
   * SV-O23, SV-N5: reads map `id`'s record with `read`, as a task of its room's queue once every
   * accepted update is stored. When it is gone (deleted behind this server's back: the command
   * line, another instance unheard), closes the room's sockets with 4410 and drops it; true when
   * it did. When its token hashes changed (a rotation on another instance unheard), closes the
   * sockets opened with the old tokens. A room that is loading, failed or not in memory, and a
   * read that fails (the store is down: the room's own writes report that), are left alone.
   */
  async closeIfVanished(id: string, read: (id: string) => Promise<MapRecord | undefined>): Promise<boolean> {
    const room = this.#rooms.get(id);
    if (!room?.ready) return false;
    let gone: boolean;
    try {
      gone = await room.run(async () => {
        await room.whenStored();
        const record = await read(id);
        if (record) {
          room.closeRotated(record);
          return false;
        }
        room.markDeleted();
        return true;
      });
    } catch {
      return false;
    }
    if (gone) this.#drop(room);
    return gone;
  }

  /** Waits for every room's queue, compacts, and drops them all (shutdown). */
  async drain(): Promise<void> {
    const rooms = [...this.#rooms.values()];
    await Promise.all(rooms.map((r) => r.run(() => r.compact()).catch(() => {})));
    for (const r of rooms) this.#drop(r);
  }

  #drop(room: Room): void {
    const timer = this.#timers.get(room);
    if (timer) clearTimeout(timer);
    this.#timers.delete(room);
    if (this.#rooms.get(room.id) === room) {
      this.#rooms.delete(room.id);
      this.#deps.fanout?.closed(room);
    }
    this.#deps.metrics.rooms.set(this.#rooms.size);
    // Let queued tasks settle (they see the room is no longer ready), then free memory.
    void room.idle().then(() => room.destroy());
  }
}
