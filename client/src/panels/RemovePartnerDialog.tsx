import { readMap } from '@ketenkaart/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { removeLane } from '../commands/partners';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';

/** Asks whether a removed partner's steps go too or move to another lane. */
export function RemovePartnerDialog({ partner }: { partner: string }) {
  const { t } = useTranslation();
  const { doc } = useSession();
  const close = (): void => useUi.getState().askRemovePartner(null);
  const map = readMap(doc);
  const lane = map.partnerById.get(partner);
  const others = map.partners.filter((p) => !p.unassigned && p.id !== partner);
  const steps = map.steps.filter((s) => s.partner === partner).length;
  const [how, setHow] = useState<'remove' | 'reassign'>('remove');
  const [to, setTo] = useState(others[0]?.id ?? '');
  if (!lane) return null;
  const confirm = (): void => {
    removeLane(doc, partner, how === 'reassign' && to ? { steps: 'reassign', to } : { steps: 'remove' });
    useUi.getState().select([]);
    close();
  };
  return (
    <Modal title={t('remove.title', { name: lane.name })} onClose={close} testId="remove-partner-dialog">
      <p>{t('remove.steps', { count: steps })}</p>
      {steps > 0 && (
        <fieldset>
          <legend className="kk-sr-only">{t('remove.question')}</legend>
          <label className="kk-radio">
            <input
              type="radio"
              name="how"
              data-testid="remove-steps"
              checked={how === 'remove'}
              onChange={() => setHow('remove')}
            />
            {t('remove.withSteps')}
          </label>
          <label className="kk-radio">
            <input
              type="radio"
              name="how"
              data-testid="reassign-steps"
              disabled={others.length === 0}
              checked={how === 'reassign'}
              onChange={() => setHow('reassign')}
            />
            {t('remove.moveSteps')}
          </label>
          {how === 'reassign' && (
            <label className="kk-field">
              <span>{t('remove.target')}</span>
              <select data-testid="reassign-target" value={to} onChange={(e) => setTo(e.target.value)}>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
      )}
      <div className="kk-row kk-end">
        <button type="button" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="button" className="kk-danger" data-testid="remove-confirm" onClick={confirm}>
          {t('remove.confirm')}
        </button>
      </div>
    </Modal>
  );
}
