import { createContext, useContext } from 'react';
import type { EditorSession } from './EditorSession';

export const SessionContext = createContext<EditorSession | null>(null);

/** The open map's session; only valid inside `SessionContext.Provider`. */
export function useSession(): EditorSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside an open map');
  return session;
}
