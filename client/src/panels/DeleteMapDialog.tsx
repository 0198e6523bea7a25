import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, deleteMap } from '../api/api';
import { navigate } from '../routing/useRoute';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { DangerActions } from '../ui/DangerActions';
import { Modal } from '../ui/Modal';

/**
 * Asks before deleting the map for everyone (rule CL-O1); once the server has deleted it, drops
 * what this device keeps of it and goes home with a message (CL-O2).
 */
export function DeleteMapDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<'asking' | 'busy' | 'failed' | 'denied'>('asking');
  const close = (): void => useUi.getState().openDialog(null);
  const confirm = async (): Promise<void> => {
    setState('busy');
    try {
      await deleteMap(session.id, session.token);
    } catch (error) {
      setState(error instanceof ApiError && [401, 403, 404].includes(error.status) ? 'denied' : 'failed');
      return;
    }
    await session.connection.forget();
    useUi.getState().setHomeNotice('mapDeleted');
    close();
    navigate('/');
  };
  return (
    <Modal title={t('admin.deleteTitle')} onClose={close} testId="delete-map-dialog">
      <p>{t('admin.deleteText')}</p>
      {(state === 'failed' || state === 'denied') && (
        <p className="kk-error" role="alert" data-testid="delete-map-error">
          {t(state === 'failed' ? 'admin.deleteFailed' : 'admin.deleteDenied')}
        </p>
      )}
      <DangerActions
        testIdPrefix="delete-map"
        confirmLabel={state === 'busy' ? t('admin.deleting') : t('admin.deleteConfirm')}
        busy={state === 'busy'}
        onCancel={close}
        onConfirm={() => void confirm()}
      />
    </Modal>
  );
}
