/** The registry of rooms in memory: created on first use, evicted after the last holder (rule SV-S6). */
import { Room, type RoomDeps } from './room.js';

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
    if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id);
    this.#deps.metrics.rooms.set(this.#rooms.size);
    // Let queued tasks settle (they see the room is no longer ready), then free memory.
    void room.idle().then(() => room.destroy());
  }
}
