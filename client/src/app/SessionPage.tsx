import { CLOSE_CODES, mapPath, type Role } from '@ketenkaart/shared';
import { use, useEffect, useLayoutEffect, useState } from 'react';
import { ApiError, checkAccess } from '../api/api';
import { absoluteUrl } from '../host/basePath';
import { parseBrowseLink } from '../browse/deepLink';
import { EditorSession } from '../session/EditorSession';
import { loadIdentity, randomColor } from '../session/presence/identity';
import { SessionContext } from '../session/sessionContext';
import { rememberMap } from '../store/recentMaps';
import { useUi } from '../store/uiStore';
import { EditorLayout } from './EditorLayout';
import { editorParts, loadEditorParts } from './editorParts';

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
  // An edit link waits for the editor's parts (CL-Z2; loaded already: `App` renders the page once
  // they are, CL-Z4); a view link never loads them.
  if (route.role === 'editor' && !editorParts()) use(loadEditorParts());
  // One session per mounted page (the route is the component's key), made once the page is
  // committed and never during a render: React may render a page and throw that render away (a
  // concurrent render of the lazily loaded editor restarts when a store changes under it), and a
  // session made there would stay connected, a second participant. A layout effect runs before the
  // first paint, so the editor still shows at once.
  const [session, setSession] = useState<EditorSession | null>(null);
  useLayoutEffect(() => {
    const identity = loadIdentity();
    useUi.getState().reset();
    // Editors are asked their name once per device; a viewer is a guest until they pick a name
    // from the participant list.
    if (!identity && route.role === 'editor') useUi.getState().openDialog('name');
    // An editor's address that says `browse` opens browse mode (CL-B5).
    if (route.role === 'editor' && parseBrowseLink(location.hash).browse) useUi.getState().setBrowsing(true);
    const created = new EditorSession(
      route.id,
      route.role,
      route.token,
      identity ?? { name: '', color: randomColor() },
    );
    // The one extra render is the point: the session exists only for a committed page.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(created);
    return () => created.destroy();
  }, [route.id, route.role, route.token]);

  useEffect(() => {
    if (!session) return;
    window.__ketenkaart = session;
    const offReset = session.connection.onReset(onReset);
    const link = absoluteUrl(mapPath(session.id, session.role, session.token));
    // A map the server already said is gone (CL-O3) is not listed again.
    if (session.connection.getState().status !== 'denied')
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
    };
  }, [session, onReset]);

  if (!session) return null;
  return (
    <SessionContext.Provider value={session}>
      <EditorLayout />
    </SessionContext.Provider>
  );
}
