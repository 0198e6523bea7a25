import { useTranslation } from 'react-i18next';
import { useViewCommands } from '../commands/useViewCommands';
import { useUi } from '../store/uiStore';
import { changeEntries } from './describe';
import type { Comparison } from './useHistoryState';

/** Every change of a comparison (rule CL-V3); choosing one selects it on the canvas and brings it into view. */
export function ChangeList({ comparison }: { readonly comparison: Comparison }) {
  const { t } = useTranslation();
  const select = useUi((s) => s.select);
  const selected = useUi((s) => s.selected);
  const view = useViewCommands();
  const entries = changeEntries(comparison, t);
  return (
    <section className="kk-history-changes">
      <h3>
        {t('history.changes.title')} <span className="kk-history-count">({entries.length})</span>
      </h3>
      {entries.length === 0 ? (
        <p data-testid="changes-none">{t('history.changes.none')}</p>
      ) : (
        <ul data-testid="change-list">
          {entries.map((e, i) => (
            <li key={`${e.what}-${e.target ?? 'map'}-${i}`} data-testid="change-item" data-mark={e.mark}>
              <button
                type="button"
                className="kk-linkish"
                aria-pressed={e.target !== undefined && selected.has(e.target)}
                disabled={e.target === undefined}
                data-target={e.target}
                onClick={() => {
                  if (e.target === undefined) return;
                  select([e.target]);
                  view.focus(e.target);
                }}
              >
                <span className={`kk-change-tag kk-tag-${e.mark}`}>{t(`history.changes.${e.mark}`)}</span>{' '}
                {t(`history.changes.${e.what}`)}: {e.name}
              </button>
              {e.details.length > 0 && (
                <ul className="kk-history-fields">
                  {e.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
