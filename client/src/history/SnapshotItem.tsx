import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../api/history';
import { useHistoryUi } from '../store/historyUi';
import { versionName, versionTime } from './describe';
import { VersionPdfButton } from './VersionPdfButton';

/** One version in the list: name (or why it was kept), time, author, and what can be done with it. */
export function SnapshotItem({
  snapshot,
  editable,
  onRestore,
  onDelete,
}: {
  readonly snapshot: SnapshotInfo;
  readonly editable: boolean;
  readonly onRestore: (s: SnapshotInfo) => void;
  readonly onDelete: (s: SnapshotInfo) => void;
}) {
  const { t, i18n } = useTranslation();
  const mode = useHistoryUi((s) => s.mode);
  const show = useHistoryUi((s) => s.show);
  const shown =
    (mode.kind === 'version' && mode.snapshot.id === snapshot.id) ||
    (mode.kind === 'compare' && mode.from.id === snapshot.id);
  return (
    <li
      className={`kk-history-item${snapshot.kind === 'auto' ? ' kk-history-auto' : ''}${shown ? ' kk-history-shown' : ''}`}
      data-testid="history-item"
      data-id={snapshot.id}
      data-kind={snapshot.kind}
    >
      <div className="kk-history-name" data-testid="history-item-name">
        {versionName(snapshot, t)}
      </div>
      <div className="kk-history-meta">
        {versionTime(snapshot.createdAt, i18n.language)}
        {snapshot.author && ` · ${t('history.by', { author: snapshot.author })}`}
      </div>
      <div className="kk-history-actions">
        <button type="button" data-testid="history-view" onClick={() => show({ kind: 'version', snapshot })}>
          {t('history.view')}
        </button>
        <button
          type="button"
          data-testid="history-compare-now"
          onClick={() => show({ kind: 'compare', from: snapshot, to: 'current' })}
        >
          {t('history.compareWithNow')}
        </button>
        <VersionPdfButton sid={snapshot.id} />
        {editable && (
          <button type="button" data-testid="history-restore" onClick={() => onRestore(snapshot)}>
            {t('history.restore')}
          </button>
        )}
        {editable && snapshot.kind === 'named' && (
          <button type="button" className="kk-danger" data-testid="history-delete" onClick={() => onDelete(snapshot)}>
            {t('history.remove')}
          </button>
        )}
      </div>
    </li>
  );
}
