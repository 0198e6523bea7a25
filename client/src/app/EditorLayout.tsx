import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { markPageSettledAfterPaint } from '../host/serviceWorker';
import { HistoryBanner } from '../history/HistoryBanner';
import { HistoryProvider } from '../history/HistoryContext';
import { useHistoryUi } from '../store/historyUi';
import { BrowseBar } from '../browse/BrowseBar';
import { BrowseMapLayer } from '../browse/BrowseMapLayer';
import { BrowseSession } from '../browse/BrowseSession';
import { useBrowse } from '../browse/browseStore';
import { BrowsePanel } from '../browse/panel/BrowsePanel';
import { BrowseSearch } from '../browse/search/BrowseSearch';
import { BrowseText } from '../browse/text/BrowseText';
import { MapCanvas } from '../canvas/MapCanvas';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { TopBar } from '../toolbar/TopBar';
import { useNarrow } from '../ui/useNarrow';
import { fileDropHandlers } from '../ui/fileDrop';
import { editorParts } from './editorParts';
import { LinkInvalidBanner } from './LinkInvalidBanner';

// The dialogs load when first opened, not with the map (CL-O12).
const ShortcutsDialog = lazy(() => import('../toolbar/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })));
const ShareDialog = lazy(() => import('../share/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const NameDialog = lazy(() => import('../presence/NameDialog').then((m) => ({ default: m.NameDialog })));
const ConnectDialog = lazy(() => import('../canvas/ConnectDialog').then((m) => ({ default: m.ConnectDialog })));
const RemovePartnerDialog = lazy(() =>
  import('../panels/RemovePartnerDialog').then((m) => ({ default: m.RemovePartnerDialog })),
);
const ReplaceDialog = lazy(() => import('../panels/ReplaceDialog').then((m) => ({ default: m.ReplaceDialog })));
/** The export dialog and the renderer, PDF and PNG code it loads: fetched on first use only. */
const ExportDialog = lazy(() => import('../export/ExportDialog'));
/** The versions panel, with saving, comparing and restoring: when first opened (CL-Z3). */
const HistoryPanel = lazy(() => import('../history/HistoryPanel').then((m) => ({ default: m.HistoryPanel })));
const DeleteMapDialog = lazy(() => import('../panels/DeleteMapDialog').then((m) => ({ default: m.DeleteMapDialog })));

/**
 * The map screen: top bar, then either the editor (toolbar, canvas, details) or browse mode
 * (browse row, map or text view, browse panel; rule CL-B1), and the dialogs. The view link always
 * browses; an editor switches with one click. The canvas keeps its place in the tree, so switching
 * keeps the view. A file dropped anywhere on it opens the replace dialog (rule CL-J4), which
 * refuses it for a viewer. A view link loads only what viewing needs (CL-Z1): the editing toolbar,
 * the side panels and the commands behind them come with an edit link (CL-Z2), the versions panel
 * when first opened (CL-Z3).
 */
export function EditorLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const dialog = useUi((s) => s.dialog);
  const removing = useUi((s) => s.removingPartner);
  const panelOpen = useUi((s) => s.panelOpen);
  const connection = useConnectionState(session.connection);
  const denied = connection.status === 'denied';
  // A kept copy of a map the server does not know is read, not edited (CL-O3).
  const browsing = useUi((s) => s.browsing) || !session.editable || connection.keptCopy;
  const show = useBrowse((s) => s.show);
  const narrow = useNarrow();
  const historyOpen = useHistoryUi((s) => s.open);
  const viewingHistory = useHistoryUi((s) => s.mode.kind !== 'live');
  // The versions panel takes the place of the browse views while open (CL-V1, CL-B1).
  const browseView = browsing && !historyOpen;
  const editing = !browsing && !denied && !viewingHistory;
  const withPanel = !narrow && (historyOpen || browsing || panelOpen);
  // The toolbar and the side panels are an editor's (CL-Z2): loaded before an editor's page shows.
  const parts = session.editable ? editorParts() : undefined;
  // The map is shown once the server synced it or the first attempt ended (the cache shows it):
  // only then is the service worker registered (CL-Z4).
  const opened = connection.status !== 'connecting';
  useEffect(() => {
    if (opened) markPageSettledAfterPaint();
  }, [opened]);
  return (
    <ReactFlowProvider>
      <HistoryProvider>
        <div
          className="kk-editor"
          data-testid="editor"
          data-role={session.role}
          data-browse={browsing ? 'on' : 'off'}
          {...fileDropHandlers((file) => {
            if (!connection.keptCopy) useUi.getState().openReplace(file);
          })}
        >
          <a className="kk-skip" href="#kk-canvas">
            {t('editor.skipToCanvas')}
          </a>
          <TopBar {...(browseView ? { search: <BrowseSearch compact={narrow} /> } : {})} />
          <LinkInvalidBanner />
          {browseView ? <BrowseBar /> : parts && editing && <parts.Toolbar />}
          <HistoryBanner />
          <div className={withPanel ? 'kk-main kk-main-panel' : 'kk-main'}>
            {browseView && show === 'text' ? <BrowseText /> : <MapCanvas />}
            {browseView && show === 'map' && <BrowseMapLayer />}
            {historyOpen ? (
              <Suspense fallback={null}>
                <HistoryPanel sheet={narrow} />
              </Suspense>
            ) : browsing ? (
              <BrowsePanel sheet={narrow} />
            ) : (
              parts && (panelOpen || narrow) && <parts.SidePanel sheet={narrow} />
            )}
          </div>
          {browseView && <BrowseSession />}
          <Suspense fallback={null}>
            {dialog === 'shortcuts' && <ShortcutsDialog />}
            {dialog === 'share' && !connection.keptCopy && <ShareDialog />}
            {dialog === 'name' && <NameDialog />}
            {dialog === 'export' && <ExportDialog />}
            {dialog === 'connect' && editing && <ConnectDialog />}
            {dialog === 'deleteMap' && editing && <DeleteMapDialog />}
            {dialog === 'replace' && !connection.keptCopy && <ReplaceDialog />}
            {removing !== null && editing && <RemovePartnerDialog partner={removing} />}
          </Suspense>
        </div>
      </HistoryProvider>
    </ReactFlowProvider>
  );
}
