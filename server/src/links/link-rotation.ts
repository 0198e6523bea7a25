/**
 * Link rotation (rules SV-H4, SV-A4, SV-A8, SV-O1): the one owner of what rotating a map's links does and
 * of what the server remembers of it. The HTTP side rotates; the socket side brackets each token
 * check with `check`, so a socket authorized with a token that was rotated meanwhile is refused.
 */
import { CLOSE_CODES } from '@ketenkaart/shared';
import type { Room } from '../rooms/room.js';
import type { Storage } from '../storage/types.js';
import { hashToken, newToken, viewTokenFor } from './tokens.js';

/** A token check in flight for one map (see `LinkRotation.check`). */
interface TokenCheck {
  /** Ends the check; true when the map's links were rotated, or the map deleted, while it ran (its token is old). Idempotent. */
  end(): boolean;
  /** True when the map was deleted while the check ran (SV-O1). */
  readonly deleted: boolean;
}

/** SV-N5: where a rotation or deletion on this instance is announced to the others. */
export interface LinkAnnouncer {
  rotated(id: string): void;
  deleted(id: string): void;
}

/** A map's new tokens after a rotation. */
interface RotatedTokens {
  readonly editToken: string;
  readonly viewToken: string;
}

/**
 * Rotates links and tells token checks in flight about it. It remembers a rotation only in the
 * checks that were running when it happened: a check that starts later reads the new token
 * hashes, and a socket that was already in the room is closed at once, so nothing else needs it.
 * Once every check of a map has ended, nothing of the map is left here (SV-A8).
 */
export class LinkRotation {
  /** Per map id, the token checks in flight and whether a rotation happened during each. */
  readonly #checks = new Map<string, Map<symbol, { rotated: boolean; deleted: boolean }>>();

  /**
   * `peek` gives the map's room if it is in memory (its sockets are closed on rotation);
   * `announcer`, set with several instances, tells the others (SV-N5).
   */
  constructor(
    private readonly storage: Pick<Storage, 'setTokenHashes'>,
    private readonly peek: (id: string) => Pick<Room, 'closeAll'> | undefined,
    public announcer: LinkAnnouncer | undefined = undefined,
  ) {}

  /** Maps with a token check in flight: all this object remembers (SV-A8). */
  get watchedMaps(): number {
    return this.#checks.size;
  }

  /**
   * Starts a token check of map `id` (call before its token hashes are read). End it in the same
   * synchronous step that admits the socket to its room, so no rotation falls in between.
   */
  check(id: string): TokenCheck {
    let checks = this.#checks.get(id);
    if (!checks) {
      checks = new Map();
      this.#checks.set(id, checks);
    }
    const key = Symbol(id);
    const state = { rotated: false, deleted: false };
    checks.set(key, state);
    return {
      get deleted() {
        return state.deleted;
      },
      end: () => {
        const open = this.#checks.get(id);
        if (open?.delete(key) && open.size === 0) this.#checks.delete(id);
        return state.rotated;
      },
    };
  }

  /**
   * SV-H4, SV-A4: gives map `id` new tokens and stores their hashes; then every token check in
   * flight for the map is told its token is old, and every socket open on the map is closed with
   * 4401 (each was opened with an old token).
   */
  async rotate(id: string): Promise<RotatedTokens> {
    const editToken = newToken();
    const viewToken = viewTokenFor(editToken);
    await this.storage.setTokenHashes(id, hashToken(editToken), hashToken(viewToken));
    this.rotatedElsewhere(id);
    this.announcer?.rotated(id);
    return { editToken, viewToken };
  }

  /**
   * SV-A4, SV-N5: map `id`'s links were rotated (here, or on another instance, which stored the
   * new hashes): token checks in flight are told, and every socket open on the map here is closed
   * with 4401.
   */
  rotatedElsewhere(id: string): void {
    for (const state of this.#checks.get(id)?.values() ?? []) state.rotated = true;
    this.peek(id)?.closeAll(CLOSE_CODES.unauthorized, 'link rotated');
  }

  /**
   * SV-O1: map `id` was deleted (call once its rows are gone): every token check in flight for it
   * is told its token is no longer good, and says the map was deleted.
   */
  deleted(id: string): void {
    this.deletedElsewhere(id);
    this.announcer?.deleted(id);
  }

  /** SV-O1, SV-N5: as `deleted`, for a deletion another instance made (announced to no one). */
  deletedElsewhere(id: string): void {
    for (const state of this.#checks.get(id)?.values() ?? []) {
      state.rotated = true;
      state.deleted = true;
    }
  }
}
