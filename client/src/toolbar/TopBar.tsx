import { serverPath } from '../host/basePath';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/i18n';
import { ParticipantList } from '../presence/ParticipantList';
import { navigate } from '../routing/useRoute';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useHistoryUi } from '../store/historyUi';
import { useUi } from '../store/uiStore';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { MenuButton } from '../ui/MenuButton';
import { useNarrow } from '../ui/useNarrow';
import { ConnectionStatus } from './ConnectionStatus';
import { MapTitle } from './MapTitle';
import { SearchBox } from './SearchBox';

/**
 * Title, search, connection, participants, share, export, help and language: visible to editors and
 * viewers. On a phone it is one row (rule CL-M1): share, help, language and home move into a menu,
 * the search opens from a button, the details are the bottom sheet's. `search` replaces the
 * editor's search (browse mode brings its own); an editor switches to browse mode here (CL-B1).
 */
export function TopBar({ search }: { readonly search?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const narrow = useNarrow();
  const openDialog = useUi((s) => s.openDialog);
  const panelOpen = useUi((s) => s.panelOpen);
  const historyOpen = useHistoryUi((s) => s.open);
  const setHistoryOpen = useHistoryUi((s) => s.setOpen);
  const setPanelOpen = useUi((s) => s.setPanelOpen);
  // A kept copy of a map the server does not know is only read (CL-O3): no editing, no links to share.
  const { keptCopy } = useConnectionState(session.connection);
  const browsing = useUi((s) => s.browsing) || keptCopy;
  const setBrowsing = useUi((s) => s.setBrowsing);
  const canBrowse = session.editable && !browsing;
  return (
    <header className="kk-topbar" data-testid="topbar">
      {!narrow && (
        <a href={serverPath('/')} className="kk-brand" aria-label={t('editor.home')}>
          {t('app.name')}
        </a>
      )}
      <MapTitle />
      {!session.editable && (
        <span className="kk-badge" data-testid="read-only-badge">
          {t('editor.readOnly')}
        </span>
      )}
      {search ?? <SearchBox compact={narrow} />}
      <ConnectionStatus />
      <ParticipantList max={narrow ? 2 : 8} />
      {narrow ? (
        <MenuButton
          label={t('menu.more')}
          text="⋯"
          testId="topbar-menu"
          items={[
            ...(canBrowse ? [{ id: 'browse', label: t('browse.enter'), onSelect: () => setBrowsing(true) }] : []),
            ...(session.editable ? [{ id: 'share', label: t('share.open'), onSelect: () => openDialog('share') }] : []),
            { id: 'history', label: t('history.open'), onSelect: () => setHistoryOpen(!historyOpen) },
            { id: 'export', label: t('export.open'), onSelect: () => openDialog('export') },
            { id: 'help', label: t('shortcuts.open'), onSelect: () => openDialog('shortcuts') },
            ...LANGUAGES.map((l) => ({
              id: `language-${l}`,
              label: t(`language.${l}`),
              checked: i18n.language === l,
              radio: true,
              onSelect: () => setLanguage(l),
            })),
            { id: 'home', label: t('editor.homeShort'), onSelect: () => navigate('/') },
          ]}
        />
      ) : (
        <>
          {canBrowse && (
            <button
              type="button"
              data-testid="browse-enter"
              title={t('browse.enterHint')}
              onClick={() => setBrowsing(true)}
            >
              {t('browse.enter')}
            </button>
          )}
          {session.editable && (
            <MenuButton
              label={t('replace.file')}
              text={t('replace.file')}
              testId="toolbar-file"
              items={[
                ...(keptCopy
                  ? []
                  : [{ id: 'replace', label: t('replace.open'), onSelect: () => useUi.getState().openReplace(null) }]),
                { id: 'export', label: t('export.open'), onSelect: () => openDialog('export') },
              ]}
            />
          )}
          {session.editable && !keptCopy && (
            <button type="button" data-testid="toolbar-share" onClick={() => openDialog('share')}>
              {t('share.open')}
            </button>
          )}
          {/* Editors find export in the file menu, beside replacing the content (a one-row top bar). */}
          {!session.editable && (
            <button type="button" data-testid="toolbar-export" onClick={() => openDialog('export')}>
              {t('export.open')}
            </button>
          )}
          <button
            type="button"
            data-testid="toolbar-history"
            aria-pressed={historyOpen}
            onClick={() => setHistoryOpen(!historyOpen)}
          >
            {t('history.open')}
          </button>
          {session.editable && !browsing && (
            <button
              type="button"
              data-testid="toolbar-panel"
              aria-pressed={panelOpen}
              onClick={() => setPanelOpen(!panelOpen)}
            >
              {t('panel.toggle')}
            </button>
          )}
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
        </>
      )}
    </header>
  );
}
