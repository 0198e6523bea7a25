import { readAuthMessage } from 'y-protocols/auth';
import { messageAuth, type WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ShadowCache } from './mapCache';

/**
 * What a viewer does when the server refuses its write: the doc then holds a change the
 * server will never have. It stops syncing, deletes its cache, and tells the `onReset`
 * listeners to open the map anew from the server.
 */
export class ViewerReset {
  private readonly listeners = new Set<() => void>();
  private resetting = false;
  private destroyed = false;

  constructor(
    private readonly provider: WebsocketProvider,
    doc: Y.Doc,
    private readonly cache: ShadowCache,
  ) {
    // The server answers a refused write with "permission denied" (SV-R3).
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      readAuthMessage(decoder, doc, () => this.refused());
    };
  }

  onReset(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server refused a write (an auth message, or a close with code 4403). */
  refused(): void {
    if (this.resetting || this.destroyed) return;
    this.resetting = true;
    this.provider.disconnect();
    void this.cache.clear().then(() => {
      if (this.destroyed) return;
      for (const l of [...this.listeners]) l();
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
  }
}
