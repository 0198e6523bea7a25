import { CLOSE_CODES, mapPath, type Role } from '@ketenkaart/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, checkAccess } from '../api/api';
import { rememberMap } from '../home/recentMaps';
import { loadIdentity, randomColor } from '../presence/identity';
import { useUi } from '../store/uiStore';
import { EditorLayout } from './EditorLayout';
import { EditorSession } from './EditorSession';
import { SessionContext } from './sessionContext';

interface Props {
  readonly route: { readonly id: string; readonly role: Role; readonly token: string };
}

declare global {
  interface Window {
    /** Test hook: the open session (doc, provider), used by the browser tests. */
    __ketenkaart?: EditorSession;
  }
}

/**
 * Opens one map (edit or view link). A viewer whose write the server refused drops its
 * doc and cache; the map is then opened anew (a new session) from the server.
 */
export function EditorPage({ route }: Props) {
  const [generation, setGeneration] = useState(0);
  const reopen = useCallback(() => setGeneration((g) => g + 1), []);
  return <SessionPage key={generation} route={route} onReset={reopen} />;
}

/** One session of a map, kept alive while mounted. */
function SessionPage({ route, onReset }: Props & { readonly onReset: () => void }) {
  // One session per mounted page (the route is the component's key). Created during the
  // first render so the editor can render at once; not used under StrictMode's double effects.
  const [session] = useState(() => {
    const identity = loadIdentity();
    useUi.getState().reset();
    if (!identity) useUi.getState().openDialog('name');
    return new EditorSession(route.id, route.role, route.token, identity ?? { name: '', color: randomColor() });
  });

  useEffect(() => {
    window.__ketenkaart = session;
    const offReset = session.connection.onReset(onReset);
    const link = `${location.origin}${mapPath(session.id, session.role, session.token)}`;
    rememberMap({ id: session.id, ...(session.role === 'editor' ? { editUrl: link } : { viewUrl: link }) });
    checkAccess(session.id, session.token).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403))
        session.connection.deny(CLOSE_CODES.unauthorized);
      else if (error instanceof ApiError && error.status === 404) session.connection.deny(CLOSE_CODES.notFound);
      // network errors: we are offline; the cache shows the map and the provider keeps trying
    });
    return () => {
      offReset();
      if (window.__ketenkaart === session) delete window.__ketenkaart;
      session.destroy();
    };
  }, [session, onReset]);

  return (
    <SessionContext.Provider value={session}>
      <EditorLayout />
    </SessionContext.Provider>
  );
}
