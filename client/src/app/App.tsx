import { serverPath } from '../host/basePath';
import { useTranslation } from 'react-i18next';
import { HomePage } from '../home/HomePage';
import { useRoute } from '../routing/useRoute';
import { EditorPage } from './EditorPage';

/** The router: home at `/`, the map at `/map/:id#edit=` or `#view=`. */
export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'map':
      return <EditorPage key={`${route.id}:${route.role}:${route.token}`} route={route} />;
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
