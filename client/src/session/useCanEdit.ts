import { useUi } from '../store/uiStore';
import { useConnectionState } from './connection/useConnectionState';
import { useSession } from './sessionContext';

/**
 * Whether this person may edit the map right now: an editor, not browsing (rule CL-B1). Viewers
 * never may; an editor in browse mode reads the map like a viewer until switching back. Nobody
 * edits a kept copy of a map the server does not know (CL-O3): it is read until saved or wiped.
 */
export function useCanEdit(): boolean {
  const session = useSession();
  const browsing = useUi((s) => s.browsing);
  const { keptCopy } = useConnectionState(session.connection);
  return session.editable && !browsing && !keptCopy;
}
