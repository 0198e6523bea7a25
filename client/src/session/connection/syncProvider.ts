import { SYNC_PATH, type Role } from '@ketenkaart/shared';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { serverPath } from '../../host/basePath';

/**
 * The y-websocket provider of a map, on the page's own origin under the base path (CL-O10); a
 * viewer's has no broadcast channel to other tabs.
 */
export function openSyncProvider(id: string, role: Role, token: string, doc: Y.Doc): WebsocketProvider {
  const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
  return new WebsocketProvider(base + serverPath(SYNC_PATH), id, doc, {
    params: { token },
    disableBc: role === 'viewer',
  });
}
