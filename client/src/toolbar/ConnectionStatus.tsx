import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';

/** Always-visible connection state: online, reconnecting, offline with N unsynced changes. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const { connection } = useSession();
  const { status, unsynced } = useConnectionState(connection);
  const label =
    status === 'online'
      ? t('connection.online')
      : status === 'connecting'
        ? t('connection.connecting')
        : status === 'denied'
          ? t('connection.denied')
          : unsynced > 0
            ? t('connection.offlineUnsynced', { count: unsynced })
            : status === 'offline'
              ? t('connection.offline')
              : t('connection.reconnecting');
  return (
    <span
      className={`kk-status kk-status-${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-status={status}
      data-unsynced={unsynced}
      title={label}
    >
      <span className="kk-dot" aria-hidden="true" />
      <span className="kk-status-text">{label}</span>
    </span>
  );
}
