import type { PartnerChanges } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useUi } from '../store/uiStore';
import { useHistoryUi } from '../store/historyUi';
import type { Mark } from './marks';
import type { Comparison } from './useHistoryState';

/**
 * "Wat is er veranderd voor UWV" (rule CL-V4): pick a partner, see its lane's change, its steps
 * and the koppelvlakken touching it; each one selects its step or flow on the canvas.
 */
export function PartnerSummary({ comparison }: { readonly comparison: Comparison }) {
  const { t } = useTranslation();
  const partnerId = useHistoryUi((s) => s.partner);
  const setPartner = useHistoryUi((s) => s.setPartner);
  const select = useUi((s) => s.select);
  const chosen = comparison.partners.find((p) => p.partnerId === partnerId);
  const names = new Map<string, string>();
  for (const v of [comparison.from, comparison.to]) {
    for (const s of v.steps) names.set(s.id, s.label || s.id);
    for (const f of v.flows) names.set(f.id, f.label || `${names.get(f.from) ?? f.from} → ${names.get(f.to) ?? f.to}`);
  }
  const items = (ids: readonly string[], how: Mark) =>
    ids.map((id) => (
      <li key={`${how}-${id}`}>
        <button type="button" className="kk-linkish" onClick={() => select([id])}>
          {names.get(id) ?? id}
        </button>{' '}
        <span className={`kk-change-tag kk-tag-${how}`}>{t(`history.changes.${how}`)}</span>
      </li>
    ));
  const body = (p: PartnerChanges) => {
    const steps = [
      ...items(p.steps.added, 'added'),
      ...items(p.steps.removed, 'removed'),
      ...items(p.steps.edited, 'edited'),
      ...items(p.steps.moved, 'moved'),
    ];
    const links = [
      ...items(p.koppelvlakken.added, 'added'),
      ...items(p.koppelvlakken.removed, 'removed'),
      ...items(p.koppelvlakken.changed, 'edited'),
    ];
    return (
      <div data-testid="partner-summary">
        <h4>{t('history.partners.heading', { name: p.name })}</h4>
        {p.lane !== 'same' && <p>{t(`history.partners.lane.${p.lane}`)}</p>}
        {steps.length + links.length === 0 && p.lane === 'same' && (
          <p>{t('history.partners.nothing', { name: p.name })}</p>
        )}
        {steps.length > 0 && (
          <>
            <h5>{t('history.partners.steps')}</h5>
            <ul data-testid="partner-summary-steps">{steps}</ul>
          </>
        )}
        {links.length > 0 && (
          <>
            <h5>{t('history.partners.koppelvlakken')}</h5>
            <ul data-testid="partner-summary-koppelvlakken">{links}</ul>
          </>
        )}
      </div>
    );
  };
  return (
    <section className="kk-history-partners">
      <h3>{t('history.partners.title')}</h3>
      <label className="kk-field">
        <span>{t('history.partners.pick')}</span>
        <select value={partnerId ?? ''} onChange={(e) => setPartner(e.target.value || null)} data-testid="partner-pick">
          <option value="" />
          {comparison.partners.map((p) => (
            <option key={p.partnerId} value={p.partnerId}>
              {p.name} ({p.total})
            </option>
          ))}
        </select>
      </label>
      {chosen && body(chosen)}
    </section>
  );
}
