import { CLOSE_CODES, type Role } from '@ketenkaart/shared';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { forgetMap } from '../../store/recentMaps';
import {
  initialStatus,
  isPermanentClose,
  nextStatus,
  type ConnectionState,
  type StatusEvent,
  type StatusState,
} from './connectionStatus';
import { EditorCache, ShadowCache, type MapCache } from './mapCache';
import { openSyncProvider } from './syncProvider';
import { isLocalEdit, loadUnsynced, storeUnsynced } from './unsyncedCount';
import { ViewerReset } from './viewerReset';

export interface MapConnectionOptions {
  readonly id: string;
  readonly role: Role;
  readonly token: string;
}

/**
 * The server does not know the map: 4404 on the socket, or the access check's 404 (arriving as
 * `deny(4404)`). Unlike 4410 this does not say the map was deleted: the server may have been
 * restored from an older backup, be another server behind the same address, or never have had
 * this map, so a copy here may be the only one left (CL-O3).
 */
const isUnknown = (code: number): boolean => code === CLOSE_CODES.notFound;

/** The browser's network flag (true where there is no `navigator`). */
const browserOnline = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;

/**
 * One open map: owns the Y.Doc and wires it to its websocket provider and its IndexedDB
 * cache. The provider's and the browser's events drive the status machine
 * (`connectionStatus.ts`), whose state, with the cache's, is what `getState` returns.
 * A viewer's cache holds only what the server sent; when the server refuses a viewer's
 * write, the cache is dropped and `onReset` listeners are told to reopen the map.
 */
export class MapConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly id: string;
  private readonly cache: MapCache;
  private readonly viewerReset: ViewerReset | null = null;
  private readonly listeners = new Set<() => void>();
  private status: StatusState;
  private cacheLoaded = false;
  private state: ConnectionState;
  private destroyed = false;
  private forgetting: Promise<void> | undefined;
  private checkingCopy: Promise<void> | undefined;
  /** This device had a copy of the map and dropped it (CL-O2, CL-O3). */
  private droppedCopy = false;
  /** The server does not know the map and this device keeps its copy until told otherwise (CL-O3). */
  private keptCopy = false;

  constructor({ id, role, token }: MapConnectionOptions) {
    this.id = id;
    this.status = initialStatus(loadUnsynced(id));
    this.state = this.published();
    // A viewer's cache is a shadow fed by the provider; an editor's persists the doc itself.
    const shadow = role === 'viewer' ? new ShadowCache(id, this.doc) : null;
    this.cache = shadow ?? new EditorCache(id, this.doc);
    void this.cache.loaded.then(() => {
      if (this.destroyed) return;
      this.cacheLoaded = true;
      this.publish();
    });
    this.provider = openSyncProvider(id, role, token, this.doc);
    if (shadow) {
      shadow.follow(this.provider);
      this.viewerReset = new ViewerReset(this.provider, this.doc, shadow);
    }
    this.provider.on('status', ({ status }) =>
      this.apply({ type: 'socket', connected: status === 'connected', online: browserOnline() }),
    );
    this.provider.on('sync', (synced) => this.apply({ type: 'synced', synced }));
    this.provider.on('connection-close', this.onClose);
    this.provider.on('connection-error', () => this.apply({ type: 'error', online: browserOnline() }));
    this.doc.on('afterTransaction', this.onTransaction);
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
  }

  getState(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens for a reset: the local doc and cache were dropped; the map must be opened anew. */
  onReset(listener: () => void): () => void {
    return this.viewerReset?.onReset(listener) ?? (() => undefined);
  }

  /** Marks the connection as refused (e.g. the access check said the link is not valid). */
  deny(code: number): void {
    this.provider.disconnect();
    if (isUnknown(code)) this.keepCopy();
    this.apply({ type: 'denied', code });
  }

  /**
   * Drops everything this device keeps of the map: its IndexedDB copy, its unsynced count and its
   * entry in the recent maps, and stops syncing. Called when the map was deleted while this socket
   * was open (4410, rule CL-O2), and for a map the server does not know (CL-O3) only once the
   * person chose to (the copy was saved as a new map, or they asked to wipe it), or when there is
   * no copy here. Says (through the state's `droppedCopy`) whether there was a copy to drop. Runs once.
   */
  forget(): Promise<void> {
    this.forgetting ??= (async () => {
      this.provider.disconnect();
      storeUnsynced(this.id, 0);
      forgetMap(this.id);
      await this.cache.loaded;
      // What the cache loaded is all the doc holds: the server never synced a map it does not have.
      const hadCopy = this.doc.store.clients.size > 0;
      await this.cache.clear();
      if (!this.destroyed) {
        this.droppedCopy = hadCopy;
        this.keptCopy = false;
        this.publish();
      }
    })();
    return this.forgetting;
  }

  /**
   * The server does not know the map (CL-O3): a copy on this device is kept, with its unsynced
   * count and recent entry, and the state's `keptCopy` says so until the person chooses what to do
   * with it; nothing is sent meanwhile (the socket is closed for good). Without a copy there is
   * nothing to keep, and the empty cache and the recent entry go.
   */
  private keepCopy(): void {
    this.checkingCopy ??= (async () => {
      await this.cache.loaded;
      if (this.destroyed || this.forgetting) return;
      if (this.doc.store.clients.size === 0) return void (await this.forget());
      this.keptCopy = true;
      this.publish();
    })();
  }

  destroy(): void {
    this.destroyed = true;
    this.viewerReset?.destroy();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.doc.off('afterTransaction', this.onTransaction);
    this.listeners.clear();
    this.provider.destroy();
    this.cache.destroy();
    this.doc.destroy();
  }

  private readonly onClose = (event: CloseEvent | null): void => {
    const code = event?.code ?? null;
    if (this.viewerReset && code === CLOSE_CODES.forbidden) {
      this.viewerReset.refused();
      return;
    }
    if (code !== null && isPermanentClose(code)) this.provider.disconnect();
    if (code === CLOSE_CODES.mapDeleted) void this.forget();
    else if (code !== null && isUnknown(code)) this.keepCopy();
    this.apply({ type: 'closed', code, online: browserOnline() });
  };

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (isLocalEdit(tr)) this.apply({ type: 'localChange', sent: this.provider.wsconnected });
  };

  private readonly onNetwork = (): void => {
    this.apply({
      type: 'network',
      online: navigator.onLine,
      inSync: this.provider.wsconnected && this.provider.synced,
    });
  };

  private apply(event: StatusEvent): void {
    const next = nextStatus(this.status, event);
    if (next === this.status) return;
    if (next.unsynced !== this.status.unsynced) storeUnsynced(this.id, next.unsynced);
    this.status = next;
    this.publish();
  }

  private publish(): void {
    const next = this.published();
    const s = this.state;
    if (
      next.status === s.status &&
      next.unsynced === s.unsynced &&
      next.closeCode === s.closeCode &&
      next.cacheLoaded === s.cacheLoaded &&
      next.droppedCopy === s.droppedCopy &&
      next.keptCopy === s.keptCopy
    )
      return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  private published(): ConnectionState {
    const { status, unsynced, closeCode } = this.status;
    return {
      status,
      unsynced,
      closeCode,
      cacheLoaded: this.cacheLoaded,
      droppedCopy: this.droppedCopy,
      keptCopy: this.keptCopy,
    };
  }
}
