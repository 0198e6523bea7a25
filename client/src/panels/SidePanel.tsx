import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { isLaneNodeId, partnerOfLaneNode } from '../store/laneNodeIds';
import { useUi } from '../store/uiStore';
import { FlowPanel } from './FlowPanel';
import { MapPanel } from './MapPanel';
import { PartnerPanel } from './PartnerPanel';
import { StepPanel } from './StepPanel';

/**
 * Details of the selection: one step, flow or partner; else the map itself. As a `sheet` (a
 * phone, rule CL-M2) it lies over the bottom of the map: a handle naming the selection, which
 * opens the details to at most half the screen and closes them again.
 */
export function SidePanel({ sheet = false }: { readonly sheet?: boolean }) {
  const { t } = useTranslation();
  const contentId = useId();
  const open = useUi((s) => s.panelOpen);
  const setOpen = useUi((s) => s.setPanelOpen);
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
  if (!sheet) {
    return (
      <aside className="kk-panel" aria-label={t('panel.label')} data-testid="side-panel">
        {content}
      </aside>
    );
  }
  const step = only === undefined ? undefined : map.stepById.get(only);
  const flow = only === undefined ? undefined : map.flowById.get(only);
  const partner = only !== undefined && isLaneNodeId(only) ? map.partnerById.get(partnerOfLaneNode(only)) : undefined;
  const summary =
    ids.length > 1
      ? t('panel.multi', { count: ids.length })
      : step
        ? step.label || t('step.noLabel')
        : flow
          ? flow.label || t('panel.flow')
          : partner
            ? partner.name
            : t('panel.map');
  return (
    <aside
      className={open ? 'kk-panel kk-sheet kk-sheet-open' : 'kk-panel kk-sheet'}
      aria-label={t('panel.label')}
      data-testid="side-panel"
      data-open={open}
    >
      <button
        type="button"
        className="kk-sheet-handle"
        aria-expanded={open}
        aria-controls={contentId}
        data-testid="sheet-handle"
        onClick={() => setOpen(!open)}
      >
        <span className="kk-sheet-summary">
          {t('panel.toggle')}: {summary}
        </span>
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      {open && (
        <div id={contentId} className="kk-sheet-body">
          {content}
        </div>
      )}
    </aside>
  );
}
