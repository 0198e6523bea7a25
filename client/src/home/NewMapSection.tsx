import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createMap } from '../api/api';
import { loonaangifteketen } from '../templates/loonaangifteketen';
import { openCreated } from './openCreated';

/** Buttons that create a blank map or one from the template. */
export function NewMapSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);

  const create = async (template: boolean): Promise<void> => {
    setBusy(true);
    setError(false);
    try {
      const links = await createMap(template ? loonaangifteketen : undefined);
      openCreated(links, template ? loonaangifteketen.title : '');
    } catch {
      setError(true);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="kk-new-title" className="kk-card">
      <h2 id="kk-new-title">{t('home.newTitle')}</h2>
      <div className="kk-row">
        <button type="button" data-testid="new-blank" disabled={busy} onClick={() => void create(false)}>
          {t('home.newBlank')}
        </button>
        <button type="button" data-testid="new-template" disabled={busy} onClick={() => void create(true)}>
          {t('home.newTemplate', { name: loonaangifteketen.title })}
        </button>
      </div>
      {error && (
        <p role="alert" className="kk-error">
          {t('home.createFailed')}
        </p>
      )}
    </section>
  );
}
