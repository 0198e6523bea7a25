import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { HistoryBanner } from '../history/HistoryBanner';
import { HistoryProvider } from '../history/HistoryContext';
import { HistoryPanel } from '../history/HistoryPanel';
import { useHistoryUi } from '../store/historyUi';
import { MapCanvas } from '../canvas/MapCanvas';
import { SidePanel } from '../panels/SidePanel';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { Toolbar } from '../toolbar/Toolbar';
import { TopBar } from '../toolbar/TopBar';
import { useNarrow } from '../ui/useNarrow';
import { LinkInvalidBanner } from './LinkInvalidBanner';

// The dialogs load when first opened, not with the map (CL-O12).
const ShortcutsDialog = lazy(() => import('../toolbar/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })));
const ShareDialog = lazy(() => import('../share/ShareDialog').then((m) => ({ default: m.ShareDialog })));
const NameDialog = lazy(() => import('../presence/NameDialog').then((m) => ({ default: m.NameDialog })));
const ConnectDialog = lazy(() => import('../canvas/ConnectDialog').then((m) => ({ default: m.ConnectDialog })));
const RemovePartnerDialog = lazy(() =>
  import('../panels/RemovePartnerDialog').then((m) => ({ default: m.RemovePartnerDialog })),
);
const DeleteMapDialog = lazy(() => import('../panels/DeleteMapDialog').then((m) => ({ default: m.DeleteMapDialog })));

/**
 * The editor screen: top bar, toolbar (editors only), canvas, side panel or versions panel, and
 * dialogs. While the canvas shows an old version or a comparison, the toolbar is gone (CL-V2).
 */
export function EditorLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const dialog = useUi((s) => s.dialog);
  const removing = useUi((s) => s.removingPartner);
  const panelOpen = useUi((s) => s.panelOpen);
  const narrow = useNarrow();
  const denied = useConnectionState(session.connection).status === 'denied';
  const historyOpen = useHistoryUi((s) => s.open);
  const viewingHistory = useHistoryUi((s) => s.mode.kind !== 'live');
  const showPanel = historyOpen || panelOpen;
  return (
    <ReactFlowProvider>
      <HistoryProvider>
        <div className="kk-editor" data-testid="editor" data-role={session.role}>
          <a className="kk-skip" href="#kk-canvas">
            {t('editor.skipToCanvas')}
          </a>
          <TopBar />
          <LinkInvalidBanner />
          {session.editable && !denied && !viewingHistory && <Toolbar />}
          <HistoryBanner />
          <div className={showPanel && !narrow ? 'kk-main kk-main-panel' : 'kk-main'}>
            <MapCanvas />
            {historyOpen ? <HistoryPanel sheet={narrow} /> : (panelOpen || narrow) && <SidePanel sheet={narrow} />}
          </div>
          <Suspense fallback={null}>
            {dialog === 'shortcuts' && <ShortcutsDialog />}
            {dialog === 'share' && <ShareDialog />}
            {dialog === 'name' && <NameDialog />}
            {dialog === 'connect' && session.editable && <ConnectDialog />}
            {dialog === 'deleteMap' && session.editable && <DeleteMapDialog />}
            {removing !== null && session.editable && <RemovePartnerDialog partner={removing} />}
          </Suspense>
        </div>
      </HistoryProvider>
    </ReactFlowProvider>
  );
}
