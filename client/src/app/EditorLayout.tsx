import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { ConnectDialog } from '../canvas/ConnectDialog';
import { HistoryBanner } from '../history/HistoryBanner';
import { HistoryProvider } from '../history/HistoryContext';
import { HistoryPanel } from '../history/HistoryPanel';
import { useHistoryUi } from '../store/historyUi';
import { MapCanvas } from '../canvas/MapCanvas';
import { SidePanel } from '../panels/SidePanel';
import { RemovePartnerDialog } from '../panels/RemovePartnerDialog';
import { NameDialog } from '../presence/NameDialog';
import { ShareDialog } from '../share/ShareDialog';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { ShortcutsDialog } from '../toolbar/ShortcutsDialog';
import { Toolbar } from '../toolbar/Toolbar';
import { TopBar } from '../toolbar/TopBar';
import { useNarrow } from '../ui/useNarrow';
import { LinkInvalidBanner } from './LinkInvalidBanner';

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
          {dialog === 'shortcuts' && <ShortcutsDialog />}
          {dialog === 'share' && <ShareDialog />}
          {dialog === 'name' && <NameDialog />}
          {dialog === 'connect' && session.editable && <ConnectDialog />}
          {removing !== null && session.editable && <RemovePartnerDialog partner={removing} />}
        </div>
      </HistoryProvider>
    </ReactFlowProvider>
  );
}
