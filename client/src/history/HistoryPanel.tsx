import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSnapshot, listSnapshots, type SnapshotInfo, type SnapshotLimits } from '../api/history';
import { useSession } from '../session/sessionContext';
import { useHistoryUi, type VersionRef } from '../store/historyUi';
import { ChangeList } from './ChangeList';
import { ComparePicker } from './ComparePicker';
import { versionName, versionTime } from './describe';
import { useHistoryStatus } from './HistoryContext';
import { PartnerSummary } from './PartnerSummary';
import { changeReport, openReport } from './report';
import { RestoreDialog } from './RestoreDialog';
import { SaveSnapshotForm } from './SaveSnapshotForm';
import { SnapshotItem } from './SnapshotItem';
import './history.css';

const FALLBACK_LIMITS: SnapshotLimits = { nameChars: 100, authorChars: 100, namedPerMap: 200 };

/**
 * The versions panel (rules CL-V1-CL-V5): save a named version (editors), the versions newest
 * first, compare two, and in a comparison the changes per partner, the list and the report.
 * Viewers list, open and compare; saving, restoring and deleting are for editors.
 */
export function HistoryPanel({ sheet = false }: { readonly sheet?: boolean }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const setOpen = useHistoryUi((s) => s.setOpen);
  const mode = useHistoryUi((s) => s.mode);
  const status = useHistoryStatus();
  const [list, setList] = useState<{ snapshots: SnapshotInfo[]; limits: SnapshotLimits } | null>(null);
  const [error, setError] = useState(false);
  const [restoring, setRestoring] = useState<SnapshotInfo | null>(null);
  const refresh = useCallback(() => {
    listSnapshots(session.id, session.token).then(
      (answer) => {
        setError(false);
        setList(answer);
      },
      () => setError(true),
    );
  }, [session]);
  useEffect(refresh, [refresh]);
  const remove = (s: SnapshotInfo): void => {
    if (!window.confirm(t('history.removeConfirm', { name: versionName(s, t) }))) return;
    deleteSnapshot(session.id, session.token, s.id).then(refresh, () => setError(true));
  };
  const comparison = status.status === 'ready' ? status.view.comparison : null;
  const report = (): void => {
    if (!comparison || mode.kind !== 'compare') return;
    const label = (v: VersionRef | 'current') =>
      v === 'current' ? versionName(v, t) : `${versionName(v, t)} (${versionTime(v.createdAt, i18n.language)})`;
    openReport(
      changeReport(
        comparison,
        {
          from: label(mode.from),
          to: label(mode.to),
          made: versionTime(Date.now(), i18n.language),
          lang: i18n.language,
        },
        t,
      ),
    );
  };
  const snapshots = list?.snapshots ?? [];
  return (
    <aside
      className={sheet ? 'kk-panel kk-history kk-sheet kk-sheet-open' : 'kk-panel kk-history'}
      aria-label={t('history.title')}
      data-testid="history-panel"
    >
      <div className="kk-history-head">
        <h2>{t('history.title')}</h2>
        <button type="button" onClick={() => setOpen(false)} data-testid="history-close">
          {t('history.close')}
        </button>
      </div>
      <div className={sheet ? 'kk-sheet-body' : undefined}>
        {comparison && (
          <div className="kk-history-comparison" data-testid="history-comparison">
            <button type="button" onClick={report} data-testid="history-report">
              {t('history.report.open')}
            </button>
            <PartnerSummary comparison={comparison} />
            <ChangeList comparison={comparison} />
          </div>
        )}
        {session.editable && <SaveSnapshotForm limits={list?.limits ?? FALLBACK_LIMITS} onSaved={refresh} />}
        {error && (
          <p role="alert" className="kk-error">
            {t('history.loadFailed')}
          </p>
        )}
        {snapshots.length > 1 && <ComparePicker key={snapshots[0]!.id} snapshots={snapshots} />}
        {list && snapshots.length === 0 && <p>{t('history.noSnapshots')}</p>}
        {list === null && !error && <p>{t('history.intro')}</p>}
        <ol className="kk-history-list" data-testid="history-list">
          {snapshots.map((s) => (
            <SnapshotItem
              key={s.id}
              snapshot={s}
              editable={session.editable}
              onRestore={setRestoring}
              onDelete={remove}
            />
          ))}
        </ol>
      </div>
      {restoring && <RestoreDialog snapshot={restoring} onClose={() => setRestoring(null)} onDone={refresh} />}
    </aside>
  );
}
