import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** A map's copy in IndexedDB, loaded into the doc when the map opens. */
export interface MapCache {
  /** Settles once the cached map is in the doc, or once it no longer matters (after `destroy`). */
  readonly loaded: Promise<void>;
  /** Deletes the copy from IndexedDB; nothing is cached after it. */
  clear(): Promise<void>;
  destroy(): void;
}

/** An editor's cache: the doc and every change to it, the user's own included. */
export class EditorCache implements MapCache {
  private readonly name: string;
  private persistence: IndexeddbPersistence | null;
  readonly loaded: Promise<void>;

  constructor(id: string, doc: Y.Doc) {
    this.name = `ketenkaart:edit:${id}`;
    const persistence = new IndexeddbPersistence(this.name, doc);
    this.persistence = persistence;
    this.loaded = persistence.whenSynced.then(() => undefined);
  }

  clear(): Promise<void> {
    const persistence = this.persistence;
    this.persistence = null;
    return deleteCache(persistence, this.name);
  }

  destroy(): void {
    void this.persistence?.destroy();
  }
}

/**
 * A viewer's cache: a shadow doc fed only with the updates the server sent, so a change
 * the server refuses is never persisted. Its content is loaded into the doc once.
 */
export class ShadowCache implements MapCache {
  private readonly name: string;
  private readonly shadow = new Y.Doc();
  private persistence: IndexeddbPersistence | null;
  private destroyed = false;
  private from: unknown = undefined;
  readonly loaded: Promise<void>;

  constructor(
    id: string,
    private readonly doc: Y.Doc,
  ) {
    this.name = `ketenkaart:view:${id}`;
    const persistence = new IndexeddbPersistence(this.name, this.shadow);
    this.persistence = persistence;
    this.loaded = persistence.whenSynced.then(() => {
      if (!this.destroyed) Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.shadow), persistence);
    });
  }

  /** Copies into the shadow every update that `origin` (the sync provider) applies to the doc. */
  follow(origin: unknown): void {
    this.from = origin;
    this.doc.on('update', this.onUpdate);
  }

  /** Deletes the copy from IndexedDB; nothing is cached after it. */
  clear(): Promise<void> {
    const persistence = this.persistence;
    this.persistence = null;
    return deleteCache(persistence, this.name);
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    void this.persistence?.destroy();
    this.shadow.destroy();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.from) Y.applyUpdate(this.shadow, update, this.from);
  };
}

async function deleteCache(persistence: IndexeddbPersistence | null, name: string): Promise<void> {
  if (!persistence) return;
  try {
    await persistence.destroy();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
      request.onblocked = () => resolve(); // another tab holds it; it has no local changes either
    });
  } catch {
    // nothing cached to drop
  }
}
