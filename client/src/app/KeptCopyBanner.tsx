import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openCreated } from '../home/openCreated';
import { useSession } from '../session/sessionContext';
import { WipeCopyDialog } from './WipeCopyDialog';

/**
 * The server does not know this map, and this device keeps its copy (CL-O3): says so and offers
 * to save the copy as a new map or to wipe it. The old copy is dropped only after the new map is
 * confirmed; until the person chooses, the map stays readable and nothing is sent.
 */
export function KeptCopyBanner() {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<'idle' | 'saving' | 'failed' | 'wiping'>('idle');
  const save = async (): Promise<void> => {
    setState('saving');
    try {
      const { saveCopyAsNew } = await import('./saveCopyAsNew');
      const { links, title } = await saveCopyAsNew(session.doc);
      await session.connection.forget();
      openCreated(links, title);
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="kk-banner kk-banner-kept" role="alert" data-testid="kept-copy">
      <div className="kk-banner-text">
        <p>
          <strong>{t('admin.keptCopy')}</strong>
        </p>
        <p>{t('admin.keptCopyHelp')}</p>
        {state === 'failed' && (
          <p className="kk-error" data-testid="kept-copy-error">
            {t('admin.saveAsNewFailed')}
          </p>
        )}
      </div>
      <div className="kk-row kk-banner-actions">
        <button type="button" data-testid="kept-copy-save" disabled={state === 'saving'} onClick={() => void save()}>
          {state === 'saving' ? t('admin.savingAsNew') : t('admin.saveAsNew')}
        </button>
        <button
          type="button"
          data-testid="kept-copy-wipe"
          disabled={state === 'saving'}
          onClick={() => setState('wiping')}
        >
          {t('admin.wipeCopy')}
        </button>
      </div>
      {state === 'wiping' && <WipeCopyDialog onClose={() => setState('idle')} />}
    </div>
  );
}
