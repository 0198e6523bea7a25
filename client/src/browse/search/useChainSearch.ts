import { useMemo, useState } from 'react';
import { useSession } from '../../session/sessionContext';
import { useSnapshot } from '../../session/snapshots/useSnapshot';
import { ChainSearch } from './ChainSearch';

/**
 * The session's search index, brought up to date with every snapshot (only what changed is
 * re-indexed); the returned version changes with the map, so results are looked up again.
 */
export function useChainSearch(): { readonly search: ChainSearch; readonly version: object } {
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const [search] = useState(() => new ChainSearch());
  return useMemo(() => {
    search.update(map);
    return { search, version: map };
  }, [search, map]);
}
