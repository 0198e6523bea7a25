import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';
import { FlowPanel } from './FlowPanel';
import { MapPanel } from './MapPanel';
import { PartnerPanel } from './PartnerPanel';
import { StepPanel } from './StepPanel';

/** Details of the selection: one step, flow or partner; else the map itself. */
export function SidePanel() {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const selected = useUi((s) => s.selected);
  // The selection may name things a peer just removed.
  const ids = [...selected].filter(
    (id) =>
      map.stepById.has(id) || map.flowById.has(id) || (isLaneNodeId(id) && map.partnerById.has(partnerOfLaneNode(id))),
  );
  const only = ids.length === 1 ? ids[0] : undefined;
  let content;
  if (ids.length > 1) content = <p data-testid="panel-multi">{t('panel.multi', { count: ids.length })}</p>;
  else if (only !== undefined && map.stepById.has(only))
    content = <StepPanel key={only} step={map.stepById.get(only)!} map={map} />;
  else if (only !== undefined && map.flowById.has(only))
    content = <FlowPanel key={only} flow={map.flowById.get(only)!} map={map} />;
  else if (only !== undefined && isLaneNodeId(only) && map.partnerById.has(partnerOfLaneNode(only)))
    content = <PartnerPanel key={only} partner={map.partnerById.get(partnerOfLaneNode(only))!} map={map} />;
  else content = <MapPanel map={map} />;
  return (
    <aside className="kk-panel" aria-label={t('panel.label')} data-testid="side-panel">
      {content}
    </aside>
  );
}
