import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api';
import { autoSnapshot, type SnapshotInfo } from '../api/history';
import { restoreVersion } from '../commands/history';
import { selfName } from '../commands/keepVersion';
import { useSession } from '../session/sessionContext';
import { useHistoryUi } from '../store/historyUi';
import { Modal } from '../ui/Modal';
import { versionName } from './describe';
import { loadVersion } from './versionCache';

/**
 * Asks before a restore (rule CL-V5), then: the server keeps the map as it is (a restore never
 * goes ahead without that), the version is loaded and written as one transaction with origin
 * `restore` (one undo step for this person, one update for everyone), and the canvas shows the
 * live map again.
 */
export function RestoreDialog({
  snapshot,
  onClose,
  onDone,
}: {
  readonly snapshot: SnapshotInfo;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const show = useHistoryUi((s) => s.show);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = async (): Promise<void> => {
    setBusy(true);
    try {
      await autoSnapshot(session.id, session.token, 'restore', selfName(session));
      const file = await loadVersion(session.id, session.token, snapshot.id);
      restoreVersion(session.doc, session.undo, file);
      show({ kind: 'live' });
      onDone();
      onClose();
    } catch (e) {
      setBusy(false);
      setError(t('history.actionFailed', { reason: e instanceof ApiError ? `HTTP ${e.status}` : String(e) }));
    }
  };
  return (
    <Modal title={t('history.restoreTitle')} onClose={onClose} testId="restore-dialog">
      <p>{t('history.restoreText', { name: versionName(snapshot, t) })}</p>
      {error && (
        <p role="alert" className="kk-error">
          {error}
        </p>
      )}
      <div className="kk-row kk-end">
        <button type="button" onClick={onClose}>
          {t('history.cancel')}
        </button>
        <button
          type="button"
          className="kk-danger"
          disabled={busy}
          data-testid="restore-confirm"
          onClick={() => void restore()}
        >
          {t('history.restoreConfirm')}
        </button>
      </div>
    </Modal>
  );
}
