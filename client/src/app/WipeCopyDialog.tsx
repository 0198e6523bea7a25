import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../routing/useRoute';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { DangerActions } from '../ui/DangerActions';
import { Modal } from '../ui/Modal';

interface Props {
  readonly onClose: () => void;
}

/**
 * Asks before wiping this device's copy of a map the server does not know (CL-O3): it may be the
 * only copy left. Once wiped, goes home with a message.
 */
export function WipeCopyDialog({ onClose }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    await session.connection.forget();
    useUi.getState().setHomeNotice('copyDropped');
    navigate('/');
  };
  return (
    <Modal title={t('admin.wipeTitle')} onClose={onClose} testId="wipe-copy-dialog">
      <p>{t('admin.wipeText')}</p>
      <DangerActions
        testIdPrefix="wipe-copy"
        confirmLabel={t('admin.wipeConfirm')}
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void confirm()}
      />
    </Modal>
  );
}
