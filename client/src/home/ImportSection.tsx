import type { Problem } from '@ketenkaart/shared';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, createMap } from '../api/api';
import { openCreated } from './openCreated';
import { problemText } from './problemText';

/** Import a JSON v1 file as a new map; problems are listed one a line, translated, with their JSON paths. */
export function ImportSection() {
  const { t, i18n } = useTranslation();
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblems([]);
    setFailed(false);
    setBusy(true);
    // The model (and its validation) is loaded when a file is picked, not with the home page (CL-O12).
    const { ImportError, parseMapFile } = await import('@ketenkaart/shared');
    try {
      const content = parseMapFile(await file.text());
      openCreated(await createMap(content), content.title);
    } catch (error) {
      if (error instanceof ImportError) setProblems(error.problems);
      else if (error instanceof ApiError && isProblemBody(error.body)) setProblems(error.body.problems);
      else setFailed(true);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="kk-import-title" className="kk-card">
      <h2 id="kk-import-title">{t('home.importTitle')}</h2>
      <p className="kk-muted">{t('home.importHelp')}</p>
      <label className="kk-file">
        <span className="kk-file-button">{t('home.importLabel')}</span>
        <input
          className="kk-sr-only"
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => void onFile(e)}
        />
      </label>
      {problems.length > 0 && (
        <div role="alert" className="kk-error" data-testid="import-problems">
          <p>{t('home.importInvalid', { count: problems.length })}</p>
          <ul>
            {problems.slice(0, 50).map((p, i) => (
              <li key={i} data-testid="import-problem" data-code={p.code}>
                {p.path !== '$' && <code>{p.path}</code>} {problemText(t, i18n.language, p)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failed && (
        <p role="alert" className="kk-error">
          {t('home.createFailed')}
        </p>
      )}
    </section>
  );
}

function isProblemBody(body: unknown): body is { problems: Problem[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { problems?: unknown }).problems);
}
