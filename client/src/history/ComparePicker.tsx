import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../api/history';
import { useHistoryUi } from '../store/historyUi';
import { versionName, versionTime } from './describe';

/** Comparing any two versions, or a version with now (rule CL-V3). */
export function ComparePicker({ snapshots }: { readonly snapshots: readonly SnapshotInfo[] }) {
  const { t, i18n } = useTranslation();
  const show = useHistoryUi((s) => s.show);
  const [from, setFrom] = useState(snapshots[0]?.id ?? '');
  const [to, setTo] = useState('current');
  const label = (s: SnapshotInfo) => `${versionName(s, t)} (${versionTime(s.createdAt, i18n.language)})`;
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const compare = (): void => {
    const a = byId.get(from);
    if (!a) return;
    const b = to === 'current' ? 'current' : byId.get(to);
    if (!b) return;
    // Older first, so that "added" means added since the older one.
    if (b !== 'current' && b.createdAt < a.createdAt) show({ kind: 'compare', from: b, to: a });
    else show({ kind: 'compare', from: a, to: b });
  };
  return (
    <div className="kk-history-compare">
      <label className="kk-field">
        <span>{t('history.compareFrom')}</span>
        <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
          {snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="kk-field">
        <span>{t('history.compareTo')}</span>
        <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
          <option value="current">{t('history.now')}</option>
          {snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={compare} disabled={!byId.has(from)} data-testid="compare-go">
        {t('history.compare')}
      </button>
    </div>
  );
}
