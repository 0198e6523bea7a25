import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { ConnectDialog } from '../canvas/ConnectDialog';
import { MapCanvas } from '../canvas/MapCanvas';
import { SidePanel } from '../panels/SidePanel';
import { RemovePartnerDialog } from '../panels/RemovePartnerDialog';
import { ReplaceDialog } from '../panels/ReplaceDialog';
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
import { fileDropHandlers } from '../ui/fileDrop';

/**
 * The editor screen: top bar, toolbar (editors only), canvas, side panel and dialogs. A file
 * dropped anywhere on it opens the replace dialog (rule CL-J4), which refuses it for a viewer.
 */
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
      <div
        className="kk-editor"
        data-testid="editor"
        data-role={session.role}
        {...fileDropHandlers((file) => useUi.getState().openReplace(file))}
      >
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
        {dialog === 'connect' && session.editable && <ConnectDialog />}
        {dialog === 'replace' && <ReplaceDialog />}
        {removing !== null && session.editable && <RemovePartnerDialog partner={removing} />}
      </div>
    </ReactFlowProvider>
  );
}
