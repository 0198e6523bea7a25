/**
 * Notices maps deleted behind the server's back (rule SV-O23): the command line deleting in the
 * database file while the server runs without admin endpoints, or another process on the same
 * store. Every `intervalMs` each room in memory reads its map's record: a room whose record is
 * gone closes its sockets with 4410 and leaves memory, as if deleted here; sockets opened with a
 * token the record no longer has close with 4401 (a rotation on another instance that this one
 * did not hear, SV-N5).
 */
import type { Storage } from '../storage/types.js';
import type { Rooms } from './rooms.js';

/** How often the rooms in memory check their map's record: a deleted map's clients learn it within this. */
export const RECORD_CHECK_MS = 2_000;

export class RecordWatch {
  readonly #timer: NodeJS.Timeout;
  /** A sweep in progress; the next one waits for it (a slow store never stacks up checks). */
  #sweeping: Promise<void> | undefined;
  #stopped = false;

  /** `onVanished` runs once per map found gone (the server forgets its token checks and quota count). */
  constructor(
    private readonly rooms: Rooms,
    private readonly storage: Pick<Storage, 'getMap'>,
    private readonly onVanished: (id: string) => void,
    intervalMs = RECORD_CHECK_MS,
  ) {
    this.#timer = setInterval(() => {
      this.#sweeping ??= this.sweep().finally(() => (this.#sweeping = undefined));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Checks every room in memory once, one after the other. */
  async sweep(): Promise<void> {
    for (const id of this.rooms.ids()) {
      if (this.#stopped) return;
      const gone = await this.rooms.closeIfVanished(id, (mapId) => this.storage.getMap(mapId));
      if (gone) this.onVanished(id);
    }
  }

  /** Stops checking (shutdown); resolves once a sweep in progress has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#sweeping;
  }
}
