import type { Flow, MapSnapshot } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useBrowse } from '../browseStore';

/**
 * One flow in a list: its document (a button that follows it), from where to where, and for a
 * knelpunt its status and note.
 */
export function FlowItem({
  map,
  flow,
  testId,
}: {
  readonly map: MapSnapshot;
  readonly flow: Flow;
  readonly testId: string;
}) {
  const { t } = useTranslation();
  const from = map.stepById.get(flow.from);
  const to = map.stepById.get(flow.to);
  const name = (id: string | undefined): string => map.partnerById.get(id ?? '')?.name ?? '';
  return (
    <li data-testid={testId} data-flow-id={flow.id} data-status={flow.status}>
      <button
        type="button"
        className="kk-link"
        onClick={() => useBrowse.getState().setFocus({ kind: 'flow', id: flow.id }, true)}
      >
        {t('browse.flowLine', {
          label: flow.label || t('browse.noName'),
          from: from?.label ?? '',
          fromPartner: name(from?.partner),
          to: to?.label ?? '',
          toPartner: name(to?.partner),
        })}
      </button>{' '}
      <span className={`kk-browse-status kk-browse-status-${flow.status}`}>{t(`browse.status.${flow.status}`)}</span>
      {flow.note && <p className="kk-browse-note">{flow.note}</p>}
    </li>
  );
}
