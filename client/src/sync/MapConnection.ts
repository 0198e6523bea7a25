import { CLOSE_CODES, ORIGINS, SYNC_PATH, type Role } from '@ketenkaart/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * What the user sees about the connection:
 * - `connecting`: first attempt, nothing synced yet;
 * - `online`: connected and in sync with the server;
 * - `reconnecting`: was online (or tried), trying again;
 * - `offline`: the browser says it has no network;
 * - `denied`: the server refused the link for good (see `closeCode`).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'denied';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Local changes made while not in sync with the server. */
  readonly unsynced: number;
  /** The close code of a permanent refusal (4401 unauthorized, 4404 not found...). */
  readonly closeCode: number | null;
  /** True once the IndexedDB cache has been loaded into the doc. */
  readonly cacheLoaded: boolean;
}

/** Close codes after which reconnecting cannot help: the link is wrong, rotated or the map is gone. */
const PERMANENT: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.unauthorized,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.notFound,
  CLOSE_CODES.badMessage,
  CLOSE_CODES.documentTooLarge,
  CLOSE_CODES.frameTooLarge,
  CLOSE_CODES.roomFull,
  CLOSE_CODES.awarenessTooLarge,
]);

export interface MapConnectionOptions {
  readonly id: string;
  readonly role: Role;
  readonly token: string;
  /** `ws://host` or `wss://host`; defaults to the page's own origin. */
  readonly wsBase?: string;
  /** Keep a copy in IndexedDB (off in tests without IndexedDB). */
  readonly persist?: boolean;
}

function defaultWsBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

const unsyncedKey = (id: string): string => `ketenkaart:unsynced:${id}`;

/**
 * One open map: the Y.Doc, its websocket provider and its IndexedDB cache, and a
 * small status machine over them. Viewers get their own cache and no broadcast channel;
 * their cache holds only what the server sent (a copy of the doc fed with remote updates),
 * so a change the server refuses is never persisted. When the server refuses a viewer's
 * write, the cache is dropped and `onReset` listeners are told to reopen the map.
 */
export class MapConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly role: Role;
  readonly id: string;
  private persistence: IndexeddbPersistence | null = null;
  /** A viewer's persisted copy: only updates from the server reach it. */
  private shadow: Y.Doc | null = null;
  private cacheName: string | null = null;
  private readonly resetListeners = new Set<() => void>();
  private resetting = false;
  private destroyed = false;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private everSynced = false;
  /** True after a connection attempt failed or dropped: we are no longer just starting. */
  private failedOnce = false;

  constructor(options: MapConnectionOptions) {
    this.id = options.id;
    this.role = options.role;
    const stored = Number(localStorage.getItem(unsyncedKey(options.id)) ?? '0');
    this.state = {
      status: 'connecting',
      unsynced: Number.isFinite(stored) ? stored : 0,
      closeCode: null,
      cacheLoaded: false,
    };
    if (options.persist !== false) {
      const name = `ketenkaart:${options.role === 'viewer' ? 'view' : 'edit'}:${options.id}`;
      this.cacheName = name;
      if (options.role === 'viewer') {
        const shadow = new Y.Doc();
        const persistence = new IndexeddbPersistence(name, shadow);
        this.shadow = shadow;
        this.persistence = persistence;
        void persistence.whenSynced.then(() => {
          if (this.destroyed) return;
          Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(shadow), persistence);
          this.set({ cacheLoaded: true });
        });
      } else {
        this.persistence = new IndexeddbPersistence(name, this.doc);
        void this.persistence.whenSynced.then(() => this.set({ cacheLoaded: true }));
      }
    } else {
      this.state = { ...this.state, cacheLoaded: true };
    }
    this.provider = new WebsocketProvider((options.wsBase ?? defaultWsBase()) + SYNC_PATH, options.id, this.doc, {
      params: { token: options.token },
      disableBc: options.role === 'viewer',
    });
    if (options.role === 'viewer') {
      this.doc.on('update', this.onViewerUpdate);
      // The server answers a refused write with "permission denied" (server R3).
      this.provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
        readAuthMessage(decoder, this.doc, () => this.dropLocalChanges());
      };
    }
    this.provider.on('status', ({ status }) => {
      if (this.state.status === 'denied') return;
      if (status === 'connected') return; // wait for `sync`
      this.set({ status: this.waitingStatus() });
    });
    this.provider.on('sync', (synced) => {
      if (!synced || this.state.status === 'denied') return;
      this.everSynced = true;
      this.set({ status: 'online', unsynced: 0 });
    });
    this.provider.on('connection-close', (event) => {
      if (event && this.role === 'viewer' && event.code === CLOSE_CODES.forbidden) {
        this.dropLocalChanges();
        return;
      }
      if (event && PERMANENT.has(event.code)) {
        this.provider.disconnect();
        this.set({ status: 'denied', closeCode: event.code });
        return;
      }
      this.failedOnce = true;
      if (this.state.status !== 'denied') this.set({ status: this.waitingStatus() });
    });
    this.provider.on('connection-error', () => {
      this.failedOnce = true;
      if (this.state.status !== 'denied' && this.state.status !== 'online') this.set({ status: this.waitingStatus() });
    });
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
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Reconnects with a new token (after rotating the links). */
  reconnect(token: string): void {
    this.provider.disconnect();
    this.provider.params = { token };
    this.set({ status: 'connecting', closeCode: null });
    this.provider.connect();
  }

  /** Marks the connection as refused (e.g. the access check said the link is not valid). */
  deny(code: number): void {
    this.provider.disconnect();
    this.set({ status: 'denied', closeCode: code });
  }

  destroy(): void {
    this.destroyed = true;
    this.resetListeners.clear();
    this.doc.off('update', this.onViewerUpdate);
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.doc.off('afterTransaction', this.onTransaction);
    this.listeners.clear();
    this.provider.destroy();
    void this.persistence?.destroy();
    this.shadow?.destroy();
    this.doc.destroy();
  }

  /** A viewer persists only what the server sent, never its own (refused) changes. */
  private readonly onViewerUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.shadow && origin === this.provider) Y.applyUpdate(this.shadow, update, this.provider);
  };

  /**
   * The server refused a viewer's write: the doc holds a change the server will never have.
   * Stop syncing, delete the cache, and ask to be opened anew from the server.
   */
  private dropLocalChanges(): void {
    if (this.resetting || this.destroyed) return;
    this.resetting = true;
    this.provider.disconnect();
    void this.clearCache().then(() => {
      if (this.destroyed) return;
      for (const l of [...this.resetListeners]) l();
    });
  }

  private async clearCache(): Promise<void> {
    const persistence = this.persistence;
    const name = this.cacheName;
    this.persistence = null;
    if (!persistence || !name) return;
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

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (tr.origin !== ORIGINS.local || !tr.local || tr.changed.size === 0) return;
    if (this.state.status === 'online' && this.provider.wsconnected) return;
    this.set({ unsynced: this.state.unsynced + 1 });
  };

  private readonly onNetwork = (): void => {
    if (this.state.status === 'denied') return;
    if (!navigator.onLine) this.set({ status: 'offline' });
    else if (this.provider.wsconnected && this.provider.synced) this.set({ status: 'online', unsynced: 0 });
    else this.set({ status: this.waitingStatus() });
  };

  /** The status while not in sync: offline without network, else (re)connecting. */
  private waitingStatus(): ConnectionStatus {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
    return this.everSynced || this.failedOnce ? 'reconnecting' : 'connecting';
  }

  private set(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    if (patch.unsynced !== undefined) {
      try {
        if (patch.unsynced === 0) localStorage.removeItem(unsyncedKey(this.id));
        else localStorage.setItem(unsyncedKey(this.id), String(patch.unsynced));
      } catch {
        // storage may be full or blocked; the count is only a hint
      }
    }
    for (const l of this.listeners) l();
  }
}
