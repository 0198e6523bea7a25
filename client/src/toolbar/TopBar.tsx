import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/i18n';
import { ParticipantList } from '../presence/ParticipantList';
import { navigate } from '../routing/useRoute';
import { useSession } from '../session/sessionContext';
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
 * the search opens from a button, the details are the bottom sheet's.
 */
export function TopBar() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const narrow = useNarrow();
  const openDialog = useUi((s) => s.openDialog);
  const panelOpen = useUi((s) => s.panelOpen);
  const setPanelOpen = useUi((s) => s.setPanelOpen);
  return (
    <header className="kk-topbar" data-testid="topbar">
      {!narrow && (
        <a href="/" className="kk-brand" aria-label={t('editor.home')}>
          {t('app.name')}
        </a>
      )}
      <MapTitle />
      {!session.editable && (
        <span className="kk-badge" data-testid="read-only-badge">
          {t('editor.readOnly')}
        </span>
      )}
      <SearchBox compact={narrow} />
      <ConnectionStatus />
      <ParticipantList max={narrow ? 2 : 8} />
      {narrow ? (
        <MenuButton
          label={t('menu.more')}
          text="⋯"
          testId="topbar-menu"
          items={[
            ...(session.editable ? [{ id: 'share', label: t('share.open'), onSelect: () => openDialog('share') }] : []),
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
          {session.editable && (
            <button type="button" data-testid="toolbar-share" onClick={() => openDialog('share')}>
              {t('share.open')}
            </button>
          )}
          <button type="button" data-testid="toolbar-export" onClick={() => openDialog('export')}>
            {t('export.open')}
          </button>
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
        </>
      )}
    </header>
  );
}
