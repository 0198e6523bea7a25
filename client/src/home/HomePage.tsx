import { useTranslation } from 'react-i18next';
import { useUi } from '../store/uiStore';
import { fileDropHandlers } from '../ui/fileDrop';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ImportSection } from './ImportSection';
import { NewMapSection } from './NewMapSection';
import { RecentMapsList } from './RecentMapsList';
import { useImportFile } from './useImportFile';

/**
 * Start page: new map (blank or template), import (a file chosen, or dropped anywhere on the
 * page, rule CL-J4), and the maps opened on this device; a notice after deleting a map (CL-O2)
 * or wiping a kept copy (CL-O3).
 */
export function HomePage() {
  const { t } = useTranslation();
  const notice = useUi((s) => s.homeNotice);
  const { state, importFile } = useImportFile();
  return (
    <div className="kk-home" data-testid="home" {...fileDropHandlers((file) => void importFile(file))}>
      <header className="kk-home-header">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <main className="kk-home-main">
        {notice !== null && (
          <p role="status" className="kk-notice kk-row" data-testid="home-notice">
            <span>{t(notice === 'mapDeleted' ? 'admin.deleted' : 'admin.copyDropped')}</span>
            <button type="button" className="kk-link-button" onClick={() => useUi.getState().setHomeNotice(null)}>
              {t('common.close')}
            </button>
          </p>
        )}
        <p className="kk-lead">{t('home.lead')}</p>
        <NewMapSection />
        <ImportSection state={state} onFile={(file) => void importFile(file)} />
        <RecentMapsList />
      </main>
    </div>
  );
}
