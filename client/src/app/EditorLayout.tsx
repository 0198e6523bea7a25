import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectDialog } from '../canvas/ConnectDialog';
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

/** The export dialog and the renderer, PDF and PNG code it loads: fetched on first use only. */
const ExportDialog = lazy(() => import('../export/ExportDialog'));

/** The editor screen: top bar, toolbar (editors only), canvas, side panel and dialogs. */
export function EditorLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const dialog = useUi((s) => s.dialog);
  const removing = useUi((s) => s.removingPartner);
  const panelOpen = useUi((s) => s.panelOpen);
  const narrow = useNarrow();
  const denied = useConnectionState(session.connection).status === 'denied';
  return (
    <ReactFlowProvider>
      <div className="kk-editor" data-testid="editor" data-role={session.role}>
        <a className="kk-skip" href="#kk-canvas">
          {t('editor.skipToCanvas')}
        </a>
        <TopBar />
        <LinkInvalidBanner />
        {session.editable && !denied && <Toolbar />}
        <div className={panelOpen && !narrow ? 'kk-main kk-main-panel' : 'kk-main'}>
          <MapCanvas />
          {(panelOpen || narrow) && <SidePanel sheet={narrow} />}
        </div>
        {dialog === 'shortcuts' && <ShortcutsDialog />}
        {dialog === 'share' && <ShareDialog />}
        {dialog === 'name' && <NameDialog />}
        {dialog === 'export' && (
          <Suspense fallback={null}>
            <ExportDialog />
          </Suspense>
        )}
        {dialog === 'connect' && session.editable && <ConnectDialog />}
        {removing !== null && session.editable && <RemovePartnerDialog partner={removing} />}
      </div>
    </ReactFlowProvider>
  );
}
