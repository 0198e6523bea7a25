import { CLOSE_CODES, mapPath, type Role } from '@ketenkaart/shared';
import { useEffect, useState } from 'react';
import { ApiError, checkAccess } from '../api/api';
import { parseBrowseLink } from '../browse/deepLink';
import { EditorSession } from '../session/EditorSession';
import { loadIdentity, randomColor } from '../session/presence/identity';
import { SessionContext } from '../session/sessionContext';
import { rememberMap } from '../store/recentMaps';
import { useUi } from '../store/uiStore';
import { EditorLayout } from './EditorLayout';

interface Props {
  readonly route: { readonly id: string; readonly role: Role; readonly token: string };
  /** Called when the session was dropped and the map must be opened anew. */
  readonly onReset: () => void;
}

declare global {
  interface Window {
    /** Test hook: the open session (doc, provider), used by the browser tests. */
    __ketenkaart?: EditorSession;
  }
}

/** One session of a map, kept alive while mounted. */
export function SessionPage({ route, onReset }: Props) {
  // One session per mounted page (the route is the component's key). Created during the
  // first render so the editor can render at once; not used under StrictMode's double effects.
  const [session] = useState(() => {
    const identity = loadIdentity();
    useUi.getState().reset();
    // Editors are asked their name once per device; a viewer is a guest until they pick a name
    // from the participant list.
    if (!identity && route.role === 'editor') useUi.getState().openDialog('name');
    // An editor's address that says `browse` opens browse mode (CL-B5).
    if (route.role === 'editor' && parseBrowseLink(location.hash).browse) useUi.getState().setBrowsing(true);
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
