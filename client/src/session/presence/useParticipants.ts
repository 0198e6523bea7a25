import { useSyncExternalStore } from 'react';
import type { Presence } from './Presence';
import type { Participant } from './presenceState';

/** Everyone on the map, this client first. */
export function useParticipants(presence: Presence): Participant[] {
  return useSyncExternalStore(
    (l) => presence.subscribe(l),
    () => presence.participants(),
  );
}
