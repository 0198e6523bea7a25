import { useSyncExternalStore } from 'react';
import type { ConnectionState } from './connectionStatus';
import type { MapConnection } from './MapConnection';

/** The connection's status, unsynced count, close code and cache state. */
export function useConnectionState(connection: MapConnection): ConnectionState {
  return useSyncExternalStore(
    (l) => connection.subscribe(l),
    () => connection.getState(),
  );
}
