import { CLOSE_CODES, mapPath, type Role } from '@ketenkaart/shared';
import { useEffect, useState } from 'react';
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

/** Opens one map (edit or view link) and keeps its session alive while mounted. */
export function EditorPage({ route }: Props) {
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
    const link = `${location.origin}${mapPath(session.id, session.role, session.token)}`;
    rememberMap({ id: session.id, ...(session.role === 'editor' ? { editUrl: link } : { viewUrl: link }) });
    checkAccess(session.id, session.token).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403))
        session.connection.deny(CLOSE_CODES.unauthorized);
      else if (error instanceof ApiError && error.status === 404) session.connection.deny(CLOSE_CODES.notFound);
      // network errors: we are offline; the cache shows the map and the provider keeps trying
    });
    return () => {
      if (window.__ketenkaart === session) delete window.__ketenkaart;
      session.destroy();
    };
  }, [session]);

  return (
    <SessionContext.Provider value={session}>
      <EditorLayout />
    </SessionContext.Provider>
  );
}
