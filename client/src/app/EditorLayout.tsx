import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { BrowseBar } from '../browse/BrowseBar';
import { BrowseMapLayer } from '../browse/BrowseMapLayer';
import { BrowseSession } from '../browse/BrowseSession';
import { useBrowse } from '../browse/browseStore';
import { BrowsePanel } from '../browse/panel/BrowsePanel';
import { BrowseSearch } from '../browse/search/BrowseSearch';
import { BrowseText } from '../browse/text/BrowseText';
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

/**
 * The map screen: top bar, then either the editor (toolbar, canvas, details) or browse mode
 * (browse row, map or text view, browse panel; rule CL-B1), and the dialogs. The view link always
 * browses; an editor switches with one click. The canvas keeps its place in the tree, so switching
 * keeps the view.
 */
export function EditorLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const dialog = useUi((s) => s.dialog);
  const removing = useUi((s) => s.removingPartner);
  const panelOpen = useUi((s) => s.panelOpen);
  const browsing = useUi((s) => s.browsing) || !session.editable;
  const show = useBrowse((s) => s.show);
  const narrow = useNarrow();
  const denied = useConnectionState(session.connection).status === 'denied';
  const editing = !browsing && !denied;
  const withPanel = browsing ? !narrow : panelOpen && !narrow;
  return (
    <ReactFlowProvider>
      <div className="kk-editor" data-testid="editor" data-role={session.role} data-browse={browsing ? 'on' : 'off'}>
        <a className="kk-skip" href="#kk-canvas">
          {t('editor.skipToCanvas')}
        </a>
        <TopBar {...(browsing ? { search: <BrowseSearch compact={narrow} /> } : {})} />
        <LinkInvalidBanner />
        {browsing ? <BrowseBar /> : editing && <Toolbar />}
        <div className={withPanel ? 'kk-main kk-main-panel' : 'kk-main'}>
          {browsing && show === 'text' ? <BrowseText /> : <MapCanvas />}
          {browsing && show === 'map' && <BrowseMapLayer />}
          {browsing && <BrowsePanel sheet={narrow} />}
          {!browsing && (panelOpen || narrow) && <SidePanel sheet={narrow} />}
        </div>
        {browsing && <BrowseSession />}
        {dialog === 'shortcuts' && <ShortcutsDialog />}
        {dialog === 'share' && <ShareDialog />}
        {dialog === 'name' && <NameDialog />}
        {dialog === 'connect' && editing && <ConnectDialog />}
        {removing !== null && editing && <RemovePartnerDialog partner={removing} />}
      </div>
    </ReactFlowProvider>
  );
}
