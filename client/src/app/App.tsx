import { serverPath } from '../host/basePath';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { HomePage } from '../home/HomePage';
import { useRoute } from '../routing/useRoute';
import { loadEditorParts } from './editorParts';

/** The editor and everything under it load only when a map is opened (CL-O12). */
const EditorPage = lazy(() => import('./EditorPage').then((m) => ({ default: m.EditorPage })));

/** The router: home at `/`, the map at `/map/:id#edit=` or `#view=`. */
export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'map':
      // An edit link fetches the editor's own parts (CL-Z2) beside the page's chunk, not after it.
      if (route.role === 'editor') loadEditorParts().catch(() => {});
      return (
        <Suspense fallback={<main className="kk-message" aria-busy="true" />}>
          <EditorPage key={`${route.id}:${route.role}:${route.token}`} route={route} />
        </Suspense>
      );
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
