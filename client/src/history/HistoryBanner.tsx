import { useTranslation } from 'react-i18next';
import { useHistoryUi, type VersionRef } from '../store/historyUi';
import { useHistoryStatus } from './HistoryContext';
import { versionName, versionTime } from './describe';
import { MARKS } from './marks';

/**
 * Over the canvas while it shows history (rule CL-V2): which version, clearly marked as old and
 * read-only, or which two are compared with the legend of the marks; and the way back to now.
 */
export function HistoryBanner() {
  const { t, i18n } = useTranslation();
  const mode = useHistoryUi((s) => s.mode);
  const show = useHistoryUi((s) => s.show);
  const status = useHistoryStatus();
  if (mode.kind === 'live') return null;
  const name = (v: VersionRef | 'current') =>
    v === 'current' ? versionName(v, t) : `${versionName(v, t)} (${versionTime(v.createdAt, i18n.language)})`;
  return (
    <div className={`kk-history-banner kk-history-${mode.kind}`} role="status" data-testid="history-banner">
      <strong>
        {mode.kind === 'version'
          ? t('history.banner.version', {
              name: versionName(mode.snapshot, t),
              time: versionTime(mode.snapshot.createdAt, i18n.language),
            })
          : t('history.banner.compare', { from: name(mode.from), to: name(mode.to) })}
      </strong>
      {status.status === 'failed' && <span className="kk-error">{t('history.loadFailed')}</span>}
      {mode.kind === 'compare' && (
        <span className="kk-history-legend" data-testid="history-legend" aria-label={t('history.legend.title')}>
          {MARKS.map((m) => (
            <span key={m} className={`kk-change-tag kk-tag-${m}`}>
              {t(`history.legend.${m}`)}
            </span>
          ))}
        </span>
      )}
      <button type="button" onClick={() => show({ kind: 'live' })} data-testid="history-back">
        {t('history.banner.back')}
      </button>
    </div>
  );
}
