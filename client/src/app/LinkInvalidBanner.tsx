import { serverPath } from '../host/basePath';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { KeptCopyBanner } from './KeptCopyBanner';

/**
 * Shown when the server refused the link for good: wrong or rotated token, the map deleted (and
 * this device's copy dropped, CL-O2), or a map the server does not know, whose copy on this
 * device is kept until the person chooses (CL-O3).
 */
export function LinkInvalidBanner() {
  const { t } = useTranslation();
  const { connection } = useSession();
  const { status, closeCode, droppedCopy, keptCopy } = useConnectionState(connection);
  if (status !== 'denied') return null;
  if (keptCopy) return <KeptCopyBanner />;
  // Only 4410 says the map was deleted; an unknown map (4404) may never have been there (CL-O3).
  const message =
    closeCode === CLOSE_CODES.unauthorized
      ? t('link.unauthorized')
      : closeCode === CLOSE_CODES.notFound
        ? t('link.gone')
        : closeCode === CLOSE_CODES.mapDeleted
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
