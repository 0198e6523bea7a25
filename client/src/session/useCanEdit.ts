import { useUi } from '../store/uiStore';
import { useSession } from './sessionContext';

/**
 * Whether this person may edit the map right now: an editor, not browsing (rule CL-B1). Viewers
 * never may; an editor in browse mode reads the map like a viewer until switching back.
 */
export function useCanEdit(): boolean {
  const session = useSession();
  const browsing = useUi((s) => s.browsing);
  return session.editable && !browsing;
}
