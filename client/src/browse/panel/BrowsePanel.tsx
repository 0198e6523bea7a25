import { koppelvlakken } from '@ketenkaart/shared';
import { useDeferredValue, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/sessionContext';
import { useSnapshot } from '../../session/snapshots/useSnapshot';
import { useUi } from '../../store/uiStore';
import { useBrowse } from '../browseStore';
import { present } from '../useBrowseSync';
import { DocumentPanel } from './DocumentPanel';
import { PartnerFocusPanel } from './PartnerFocusPanel';
import { StepFocusPanel } from './StepFocusPanel';

/**
 * The browse side panel (a bottom sheet on a phone, like the editor's details): what the focus
 * shows, an introduction without one, and a notice when a peer deleted what was focused (CL-B8).
 */
export function BrowsePanel({ sheet }: { readonly sheet: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  // The panel follows the focus a moment after the highlight: React renders it in a pass of its
  // own, so a long chain's lists never hold up the highlight (rule CL-B3's timing, bench/browse.ts).
  const focus = useDeferredValue(useBrowse((s) => s.focus));
  const depth = useDeferredValue(useBrowse((s) => s.depth));
  const setFocus = useBrowse((s) => s.setFocus);
  const open = useUi((s) => s.panelOpen);
  const setOpen = useUi((s) => s.setPanelOpen);
  const bodyId = useId();
  let content;
  let summary: string;
  if (focus && !present(map, focus)) {
    summary = t(`browse.gone.${focus.kind}`);
    content = (
      <div role="status" data-testid="browse-gone" className="kk-browse-gone">
        <p>{summary}</p>
        <button type="button" onClick={() => setFocus(null)}>
          {t('browse.clear')}
        </button>
      </div>
    );
  } else if (focus?.kind === 'step') {
    summary = map.stepById.get(focus.id)?.label ?? '';
    content = <StepFocusPanel map={map} id={focus.id} depth={depth} />;
  } else if (focus?.kind === 'flow') {
    summary = map.flowById.get(focus.id)?.label || t('browse.noName');
    content = <DocumentPanel map={map} id={focus.id} />;
  } else if (focus?.kind === 'partner') {
    summary = map.partnerById.get(focus.id)?.name ?? '';
    content = <PartnerFocusPanel map={map} id={focus.id} />;
  } else {
    summary = t('browse.intro.heading');
    content = (
      <div data-testid="browse-intro">
        <h2>{t('browse.intro.heading')}</h2>
        <p>{t('browse.intro.text')}</p>
        <p className="kk-browse-meta">
          {t('browse.intro.counts', {
            partners: map.partners.filter((p) => !p.unassigned).length,
            steps: map.steps.length,
            koppelvlakken: koppelvlakken(map).length,
          })}
        </p>
      </div>
    );
  }
  if (!sheet) {
    return (
      <aside className="kk-panel kk-browse-panel" aria-label={t('browse.title')} data-testid="browse-panel">
        {content}
      </aside>
    );
  }
  return (
    <aside
      className={open ? 'kk-panel kk-browse-panel kk-sheet kk-sheet-open' : 'kk-panel kk-browse-panel kk-sheet'}
      aria-label={t('browse.title')}
      data-testid="browse-panel"
      data-open={open}
    >
      <button
        type="button"
        className="kk-sheet-handle"
        aria-expanded={open}
        aria-controls={bodyId}
        data-testid="sheet-handle"
        onClick={() => setOpen(!open)}
      >
        <span className="kk-sheet-summary">{summary}</span>
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      {open && (
        <div id={bodyId} className="kk-sheet-body">
          {content}
        </div>
      )}
    </aside>
  );
}
