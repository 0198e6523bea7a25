import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewCommands } from '../commands/useViewCommands';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { laneNodeId } from '../store/laneNodeIds';

interface Hit {
  readonly id: string;
  readonly text: string;
  readonly detail: string;
}

const MAX_HITS = 12;

/**
 * Finds a step or partner by name and jumps to it. `compact` (a phone): a button that opens the
 * field over the top bar; it closes again after a jump, on Escape, or when left empty.
 */
export function SearchBox({ compact = false }: { readonly compact?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const map = useSnapshot(session.snapshots);
  const view = useViewCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const hits = useMemo<Hit[]>(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const out: Hit[] = [];
    for (const p of map.partners)
      if (!p.unassigned && p.name.toLowerCase().includes(q))
        out.push({ id: laneNodeId(p.id), text: p.name, detail: t('search.partner') });
    for (const s of map.steps)
      if (out.length < MAX_HITS && (s.label.toLowerCase().includes(q) || s.contact.toLowerCase().includes(q)))
        out.push({ id: s.id, text: s.label, detail: map.partnerById.get(s.partner)?.name ?? '' });
    return out.slice(0, MAX_HITS);
  }, [query, map, t]);
  const jump = (hit: Hit | undefined): void => {
    if (!hit) return;
    view.jumpTo(hit.id);
    if (compact) collapse();
    else setQuery('');
  };
  /** Back to the button (once it is drawn again), which keeps the focus. */
  function collapse(): void {
    setQuery('');
    setExpanded(false);
    requestAnimationFrame(() => opener.current?.focus());
  }
  const open = hits.length > 0;
  if (compact && !expanded) {
    return (
      <button
        ref={opener}
        type="button"
        className="kk-search-button"
        aria-label={t('search.label')}
        title={t('search.label')}
        data-testid="search-open"
        onClick={() => setExpanded(true)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M10 10 L14.5 14.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
    );
  }
  return (
    <div className={compact ? 'kk-search kk-search-overlay' : 'kk-search'}>
      <label htmlFor="kk-search" className="kk-sr-only">
        {t('search.label')}
      </label>
      <input
        id="kk-search"
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls="kk-search-results"
        aria-activedescendant={open ? `kk-hit-${active}` : undefined}
        autoComplete="off"
        placeholder={t('search.placeholder')}
        data-testid="search"
        value={query}
        autoFocus={compact}
        onBlur={() => {
          if (compact && !query) setExpanded(false);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') jump(hits[active]);
          else if (e.key === 'Escape' && compact && !query) collapse();
          else if (e.key === 'Escape') setQuery('');
          else return;
          e.preventDefault();
        }}
      />
      {compact && (
        <button type="button" className="kk-search-close" aria-label={t('common.close')} onClick={collapse}>
          ✕
        </button>
      )}
      {open && (
        <ul id="kk-search-results" role="listbox" className="kk-search-results" data-testid="search-results">
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`kk-hit-${i}`}
              role="option"
              aria-selected={i === active}
              data-testid="search-result"
              onMouseDown={(e) => {
                e.preventDefault();
                jump(h);
              }}
            >
              <span>{h.text || t('step.noLabel')}</span> <small>{h.detail}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
