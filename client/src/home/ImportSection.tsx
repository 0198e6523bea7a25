import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemList } from '../ui/ProblemList';
import type { ImportState } from './useImportFile';

interface Props {
  readonly state: ImportState;
  readonly onFile: (file: File) => void;
}

/**
 * Import a JSON v1 file as a new map, chosen here or dropped on the page; problems are listed
 * one a line, translated, with their JSON paths.
 */
export function ImportSection({ state, onFile }: Props) {
  const { t } = useTranslation();
  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <section aria-labelledby="kk-import-title" className="kk-card">
      <h2 id="kk-import-title">{t('home.importTitle')}</h2>
      <p className="kk-muted">
        {t('home.importHelp')} {t('replace.dropHome')}
      </p>
      <label className="kk-file">
        <span className="kk-file-button">{t('home.importLabel')}</span>
        <input
          className="kk-sr-only"
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          disabled={state.kind === 'busy'}
          onChange={onChange}
        />
      </label>
      {state.kind === 'invalid' && <ProblemList problems={state.problems} />}
      {state.kind === 'notJson' && (
        <p role="alert" className="kk-error" data-testid="import-not-json">
          {t('replace.notJsonFile')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="kk-error">
          {t('home.createFailed')}
        </p>
      )}
    </section>
  );
}
