import { useMemo } from 'react';
import { useSession } from '../../session/sessionContext';
import { useSnapshot } from '../../session/snapshots/useSnapshot';
import { useBrowse } from '../browseStore';
import { litSets, type LitSets } from './litSets';

/** The lit sets of the current focus, recomputed when the map, the focus or the depth changes. */
export function useLitSets(): LitSets | null {
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const focus = useBrowse((s) => s.focus);
  const depth = useBrowse((s) => s.depth);
  return useMemo(() => litSets(map, focus, depth), [map, focus, depth]);
}
