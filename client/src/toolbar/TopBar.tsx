import { useTranslation } from 'react-i18next';
import { ParticipantList } from '../presence/ParticipantList';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ConnectionStatus } from './ConnectionStatus';
import { MapTitle } from './MapTitle';
import { SearchBox } from './SearchBox';

/** Title, search, connection, participants, share, help and language: visible to editors and viewers. */
export function TopBar() {
  const { t } = useTranslation();
  const session = useSession();
  const openDialog = useUi((s) => s.openDialog);
  const panelOpen = useUi((s) => s.panelOpen);
  const setPanelOpen = useUi((s) => s.setPanelOpen);
  return (
    <header className="kk-topbar">
      <a href="/" className="kk-brand" aria-label={t('editor.home')}>
        {t('app.name')}
      </a>
      <MapTitle />
      {!session.editable && (
        <span className="kk-badge" data-testid="read-only-badge">
          {t('editor.readOnly')}
        </span>
      )}
      <SearchBox />
      <ConnectionStatus />
      <ParticipantList />
      {session.editable && (
        <button type="button" data-testid="toolbar-share" onClick={() => openDialog('share')}>
          {t('share.open')}
        </button>
      )}
      <button
        type="button"
        data-testid="toolbar-panel"
        aria-pressed={panelOpen}
        onClick={() => setPanelOpen(!panelOpen)}
      >
        {t('panel.toggle')}
      </button>
      <button
        type="button"
        data-testid="toolbar-help"
        aria-label={t('shortcuts.open')}
        title={t('shortcuts.open')}
        onClick={() => openDialog('shortcuts')}
      >
        ?
      </button>
      <LanguageSwitch />
    </header>
  );
}
