import type { Problem } from '@ketenkaart/shared';
import { useTranslation } from 'react-i18next';
import { problemText } from '../i18n/problemText';

/** Problems shown at most; the heading gives the full count. */
const SHOWN = 50;

/**
 * The problems of an invalid JSON file, one a line, each with its JSON path and in the UI's
 * language (rule CL-I3): shared by the home page's import and the editor's replacement.
 */
export function ProblemList({ problems }: { readonly problems: readonly Problem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div role="alert" className="kk-error" data-testid="import-problems">
      <p>{t('home.importInvalid', { count: problems.length })}</p>
      <ul>
        {problems.slice(0, SHOWN).map((p, i) => (
          <li key={i} data-testid="import-problem" data-code={p.code}>
            {p.path !== '$' && <code>{p.path}</code>} {problemText(t, i18n.language, p)}
          </li>
        ))}
      </ul>
    </div>
  );
}
