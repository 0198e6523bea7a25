import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSnapshot, listSnapshots, type SnapshotInfo, type SnapshotLimits } from '../api/history';
import { useSession } from '../session/sessionContext';
import { useHistoryUi, type VersionRef } from '../store/historyUi';
import { ChangeList } from './ChangeList';
import { ComparePicker } from './ComparePicker';
import { versionName, versionTime } from './describe';
import { useHistoryStatus } from './HistoryContext';
import type { Comparison } from './useHistoryState';
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
/** How often the open panel asks for the list again. */
const LIST_REFRESH_MS = 15_000;

export function HistoryPanel({ sheet = false }: { readonly sheet?: boolean }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const setOpen = useHistoryUi((s) => s.setOpen);
  const sheetOpen = useHistoryUi((s) => s.sheetOpen);
  const setSheetOpen = useHistoryUi((s) => s.setSheetOpen);
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
  // CL-V1: versions saved by others, or taken by the server, appear while the panel is open.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, LIST_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
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
  const body = (
    <>
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
    </>
  );
  const close = (
    <button type="button" onClick={() => setOpen(false)} data-testid="history-close">
      {t('history.close')}
    </button>
  );
  const dialog = restoring && (
    <RestoreDialog snapshot={restoring} onClose={() => setRestoring(null)} onDone={refresh} />
  );
  if (sheet) {
    // A phone (CL-M2): a sheet over the bottom of the map, closed while a version is shown.
    return (
      <aside
        className={sheetOpen ? 'kk-panel kk-history kk-sheet kk-sheet-open' : 'kk-panel kk-history kk-sheet'}
        aria-label={t('history.title')}
        data-testid="history-panel"
        data-open={sheetOpen}
      >
        <div className="kk-history-sheet-head">
          <button
            type="button"
            className="kk-sheet-handle"
            aria-expanded={sheetOpen}
            data-testid="history-sheet-handle"
            onClick={() => setSheetOpen(!sheetOpen)}
          >
            <span className="kk-sheet-summary">
              {t('history.title')}
              {comparison && ` · ${t('history.changes.count', { count: changeCount(comparison) })}`}
            </span>
            <span aria-hidden="true">{sheetOpen ? '▾' : '▴'}</span>
          </button>
          {close}
        </div>
        {sheetOpen && <div className="kk-sheet-body">{body}</div>}
        {dialog}
      </aside>
    );
  }
  return (
    <aside className="kk-panel kk-history" aria-label={t('history.title')} data-testid="history-panel">
      <div className="kk-history-head">
        <h2>{t('history.title')}</h2>
        {close}
      </div>
      {body}
      {dialog}
    </aside>
  );
}

/** How many entries the change list has. */
function changeCount(c: Comparison): number {
  const d = c.diff;
  const n = (e: { added: readonly unknown[]; removed: readonly unknown[]; changed: readonly unknown[] }) =>
    e.added.length + e.removed.length + e.changed.length;
  return (d.meta.length > 0 ? 1 : 0) + n(d.partners) + n(d.steps) + n(d.flows);
}
