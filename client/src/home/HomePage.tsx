import { useTranslation } from 'react-i18next';
import { useUi } from '../store/uiStore';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ImportSection } from './ImportSection';
import { NewMapSection } from './NewMapSection';
import { RecentMapsList } from './RecentMapsList';

/** Start page: new map (blank or template), import, and the maps opened on this device; a notice after deleting a map (CL-O2). */
export function HomePage() {
  const { t } = useTranslation();
  const notice = useUi((s) => s.homeNotice);
  return (
    <div className="kk-home" data-testid="home">
      <header className="kk-home-header">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <main className="kk-home-main">
        {notice === 'mapDeleted' && (
          <p role="status" className="kk-notice kk-row" data-testid="home-notice">
            <span>{t('admin.deleted')}</span>
            <button type="button" className="kk-link-button" onClick={() => useUi.getState().setHomeNotice(null)}>
              {t('common.close')}
            </button>
          </p>
        )}
        <p className="kk-lead">{t('home.lead')}</p>
        <NewMapSection />
        <ImportSection />
        <RecentMapsList />
      </main>
    </div>
  );
}
