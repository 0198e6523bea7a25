import type { MapSnapshot } from '@ketenkaart/shared';
import { useSyncExternalStore } from 'react';
import type { SnapshotStore } from './SnapshotStore';
import type { ConnectionState, MapConnection } from './MapConnection';
import type { UndoController, UndoState } from '../undo/UndoController';
import type { Participant, Presence } from '../presence/Presence';

/** The shared, frame-throttled snapshot of the open map. */
export function useSnapshot(store: SnapshotStore): MapSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export function useConnectionState(connection: MapConnection): ConnectionState {
  return useSyncExternalStore(
    (l) => connection.subscribe(l),
    () => connection.getState(),
  );
}

export function useUndoState(undo: UndoController): UndoState {
  return useSyncExternalStore(
    (l) => undo.subscribe(l),
    () => undo.getState(),
  );
}

export function useParticipants(presence: Presence): Participant[] {
  return useSyncExternalStore(
    (l) => presence.subscribe(l),
    () => presence.participants(),
  );
}
