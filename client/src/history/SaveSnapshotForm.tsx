import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api';
import { saveSnapshot, type SnapshotLimits } from '../api/history';
import { selfName } from '../commands/keepVersion';
import { useSession } from '../session/sessionContext';

/** Saving a named version (editors, rule CL-V1): a name, checked here and by the server. */
export function SaveSnapshotForm({
  limits,
  onSaved,
}: {
  readonly limits: SnapshotLimits;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setMessage({ text: t('history.nameRequired'), error: true });
    if (trimmed.length > limits.nameChars)
      return setMessage({ text: t('history.nameTooLong', { max: limits.nameChars }), error: true });
    setBusy(true);
    saveSnapshot(session.id, session.token, trimmed, selfName(session)).then(
      (saved) => {
        setBusy(false);
        setName('');
        setMessage({ text: t('history.saved', { name: saved.name }), error: false });
        onSaved();
      },
      (err: unknown) => {
        setBusy(false);
        const tooMany = err instanceof ApiError && err.status === 409;
        setMessage({
          text: tooMany
            ? t('history.tooMany', { max: limits.namedPerMap })
            : t('history.actionFailed', { reason: err instanceof ApiError ? `HTTP ${err.status}` : String(err) }),
          error: true,
        });
      },
    );
  };
  return (
    <form className="kk-history-save" onSubmit={submit} data-testid="history-save-form">
      <label className="kk-field">
        <span>{t('history.saveLabel')}</span>
        <input
          value={name}
          maxLength={limits.nameChars}
          placeholder={t('history.savePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          data-testid="history-name"
        />
      </label>
      <button type="submit" disabled={busy} data-testid="history-save">
        {busy ? t('history.saving') : t('history.save')}
      </button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'kk-error' : 'kk-note'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
