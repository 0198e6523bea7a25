import { serverPath } from '../host/basePath';
import { markPageSettledAfterPaint } from '../host/serviceWorker';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HomePage } from '../home/HomePage';
import type { Route } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import { editorPageOf, loadPage } from './pageLoad';

const busy = <main className="kk-message" aria-busy="true" />;

/**
 * Renders again once `route`'s page code is loaded (CL-Z4; the editor and everything under it load
 * only when a map is opened, CL-O12). A failed load is thrown where the page would be, as a lazy
 * component's is.
 */
function usePageLoaded(route: Route): void {
  const [, setLoaded] = useState<Route | null>(null);
  useEffect(() => {
    let live = true;
    loadPage(route).then(
      () => live && setLoaded(route),
      (error: unknown) =>
        live &&
        setLoaded(() => {
          throw error;
        }),
    );
    return () => {
      live = false;
    };
  }, [route]);
}

/** The router: home at `/`, the map at `/map/:id#edit=` or `#view=`. */
export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  usePageLoaded(route);
  // A map page says so itself once the map is shown (EditorLayout); the others at once (CL-Z4).
  useEffect(() => {
    if (route.page !== 'map') markPageSettledAfterPaint();
  }, [route]);
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'map': {
      const page = editorPageOf(route);
      return page ? <Suspense fallback={busy}>{page}</Suspense> : busy;
    }
    case 'badLink':
      return (
        <main className="kk-message" role="alert" data-testid="link-invalid">
          <p>{t('link.missingToken')}</p>
          <a href={serverPath('/')}>{t('link.home')}</a>
        </main>
      );
    default:
      return (
        <main className="kk-message" role="alert">
          <p>{t('link.notFound')}</p>
          <a href={serverPath('/')}>{t('link.home')}</a>
        </main>
      );
  }
}
