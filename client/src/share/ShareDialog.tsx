import { mapPath } from '@ketenkaart/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchLinks, rotateLinks } from '../api/api';
import { absoluteUrl } from '../host/basePath';
import { localPath } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { useSession } from '../session/sessionContext';
import { findRecent, rememberMap } from '../store/recentMaps';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';
import { CopyLink } from './CopyLink';

/**
 * Copy the edit and view links, or rotate both (the old links stop working); after rotating, the
 * dialog stays open on the new links.
 */
export function ShareDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const close = (): void => useUi.getState().openDialog(null);
  const editUrl = absoluteUrl(mapPath(session.id, 'editor', session.token));
  const [viewUrl, setViewUrl] = useState<string | undefined>(() => findRecent(session.id)?.viewUrl);
  const [linksFailed, setLinksFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetchLinks(session.id, session.token).then(
      (links) => {
        if (!live) return;
        setViewUrl(links.viewUrl);
        rememberMap({ id: session.id, editUrl: links.editUrl, viewUrl: links.viewUrl });
      },
      () => {
        if (live) setLinksFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session.id, session.token]);
  const [state, setState] = useState<'idle' | 'confirm' | 'busy' | 'failed'>('idle');
  const rotated = useUi((s) => s.linksRotated);
  const rotate = async (): Promise<void> => {
    setState('busy');
    try {
      const links = await rotateLinks(session.id, session.token);
      rememberMap({ id: session.id, editUrl: links.editUrl, viewUrl: links.viewUrl });
      // The new edit link opens a new session; this dialog stays open there, with the new links.
      useUi.getState().reopenShareAfterReset();
      navigate(localPath(links.editUrl), true);
    } catch {
      setState('failed');
    }
  };
  return (
    <Modal title={t('share.title')} onClose={close} testId="share-dialog">
      {rotated && (
        <p role="status" className="kk-notice" data-testid="share-rotated">
          {t('share.rotated')}
        </p>
      )}
      <CopyLink label={t('share.editLink')} help={t('share.editHelp')} url={editUrl} testId="share-edit" />
      {viewUrl ? (
        <CopyLink label={t('share.viewLink')} help={t('share.viewHelp')} url={viewUrl} testId="share-view" />
      ) : (
        <p className="kk-muted" data-testid="share-view-pending">
          {t(linksFailed ? 'share.viewFailed' : 'share.viewLoading')}
        </p>
      )}
      <h3>{t('share.rotateTitle')}</h3>
      <p>{t('share.rotateHelp')}</p>
      {state === 'confirm' ? (
        <div className="kk-row">
          <button type="button" className="kk-danger" data-testid="share-rotate-confirm" onClick={() => void rotate()}>
            {t('share.rotateConfirm')}
          </button>
          <button type="button" onClick={() => setState('idle')}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          data-testid="share-rotate"
          disabled={state === 'busy'}
          onClick={() => setState('confirm')}
        >
          {t('share.rotate')}
        </button>
      )}
      {state === 'failed' && (
        <p role="alert" className="kk-error">
          {t('share.rotateFailed')}
        </p>
      )}
      <div className="kk-row kk-end">
        <button type="button" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
