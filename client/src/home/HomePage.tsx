import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ImportSection } from './ImportSection';
import { NewMapSection } from './NewMapSection';
import { RecentMapsList } from './RecentMapsList';

/** Start page: new map (blank or template), import, and the maps opened on this device. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="kk-home" data-testid="home">
      <header className="kk-home-header">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <main className="kk-home-main">
        <p className="kk-lead">{t('home.lead')}</p>
        <NewMapSection />
        <ImportSection />
        <RecentMapsList />
      </main>
    </div>
  );
}
