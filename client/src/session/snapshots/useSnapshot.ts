import type { MapSnapshot } from '@ketenkaart/shared';
import { useSyncExternalStore } from 'react';
import type { SnapshotStore } from './SnapshotStore';

/** The shared snapshot of the open map, recomputed once per batch of updates. */
export function useSnapshot(store: SnapshotStore): MapSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
