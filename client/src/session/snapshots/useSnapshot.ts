import type { MapSnapshot } from '@ketenkaart/shared';
import { useSyncExternalStore } from 'react';
import type { SnapshotStore } from './SnapshotStore';

/** The shared snapshot of the open map, recomputed once per batch of updates. */
export function useSnapshot(store: SnapshotStore): MapSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * One value read from the snapshot (a flag, a count, a text): the component re-renders only when
 * that value changes, not on every update of the map. `select` must return a primitive or an
 * object that stays the same while what it stands for does.
 */
export function useSnapshotValue<T>(store: SnapshotStore, select: (map: MapSnapshot) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
