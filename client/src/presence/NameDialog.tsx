import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadIdentity, PRESENCE_COLORS, saveIdentity } from '../session/presence/identity';
import { useSession } from '../session/sessionContext';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';

/** Asks the participant's name and colour once; both are remembered on this device. */
export function NameDialog() {
  const { t } = useTranslation();
  const { presence } = useSession();
  const close = useUi((s) => s.openDialog);
  const current = presence.participants().find((p) => p.self)?.user;
  const [name, setName] = useState(loadIdentity()?.name ?? current?.name ?? '');
  const [color, setColor] = useState(current?.color ?? PRESENCE_COLORS[0]);
  const save = (): void => {
    const user = { name: name.trim() || t('presence.anonymous'), color };
    saveIdentity(user);
    presence.setUser(user);
    close(null);
  };
  return (
    <Modal title={t('presence.nameTitle')} onClose={save} testId="name-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p>{t('presence.nameHelp')}</p>
        <label className="kk-field">
          <span>{t('presence.name')}</span>
          <input
            data-testid="name-input"
            value={name}
            maxLength={60}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <fieldset className="kk-colors">
          <legend>{t('presence.color')}</legend>
          {PRESENCE_COLORS.map((c) => (
            <label key={c} className="kk-color-choice" style={{ background: c }}>
              <input type="radio" name="color" value={c} checked={c === color} onChange={() => setColor(c)} />
              <span className="kk-sr-only">{c}</span>
            </label>
          ))}
        </fieldset>
        <div className="kk-row kk-end">
          <button type="submit" data-testid="name-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
