import type { MapSnapshot } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useBrowse } from '../browseStore';

/** A step named in a list: its label and partner; pressing it focuses that step (and shows it). */
export function StepButton({ map, id }: { readonly map: MapSnapshot; readonly id: string }) {
  const { t } = useTranslation();
  const step = map.stepById.get(id);
  if (!step) return null;
  const partner = map.partnerById.get(step.partner);
  return (
    <button
      type="button"
      className="kk-link"
      data-testid="browse-step-link"
      data-step-id={id}
      onClick={() => useBrowse.getState().setFocus({ kind: 'step', id }, true)}
    >
      {step.label || t('browse.noName')}
      {partner && !partner.unassigned && <span className="kk-browse-partner"> · {partner.name}</span>}
    </button>
  );
}
