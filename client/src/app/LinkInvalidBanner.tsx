import { serverPath } from '../host/basePath';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';

/**
 * Shown when the server refused the link for good: wrong or rotated token, or the map is gone
 * (and then whether this device's copy of it was dropped, CL-O2, CL-O3).
 */
export function LinkInvalidBanner() {
  const { t } = useTranslation();
  const { connection } = useSession();
  const { status, closeCode, droppedCopy } = useConnectionState(connection);
  if (status !== 'denied') return null;
  // A map this device had a copy of, which the server no longer has, was deleted (CL-O3).
  const message =
    closeCode === CLOSE_CODES.unauthorized
      ? t('link.unauthorized')
      : closeCode === CLOSE_CODES.notFound && !droppedCopy
        ? t('link.gone')
        : closeCode === CLOSE_CODES.mapDeleted || closeCode === CLOSE_CODES.notFound
          ? t('admin.deletedElsewhere')
          : closeCode === CLOSE_CODES.roomFull
            ? t('link.roomFull')
            : t('link.refused', { code: closeCode ?? 0 });
  return (
    <div className="kk-banner" role="alert" data-testid="link-invalid" data-close-code={closeCode ?? ''}>
      <p>{message}</p>
      {droppedCopy && <p data-testid="copy-dropped">{t('admin.copyDropped')}</p>}
      <a href={serverPath('/')}>{t('link.home')}</a>
    </div>
  );
}
