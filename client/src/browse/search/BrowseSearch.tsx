import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrowse } from '../browseStore';
import type { Hit } from './ChainSearch';
import { useChainSearch } from './useChainSearch';

/**
 * The browse search (rule CL-B2): as you type, steps, partners and documents; ↑ ↓ choose, Enter
 * focuses the choice (and brings it into view), Escape empties the field (a second Escape, or an
 * empty field, closes the phone's overlay). Results are looked up again when the map changes, so
 * a peer's edit keeps the query and updates what it finds.
 */
export function BrowseSearch({ compact = false }: { readonly compact?: boolean }) {
  const { t } = useTranslation();
  const { search, version } = useChainSearch();
  const setFocus = useBrowse((s) => s.setFocus);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState(false);
  const [closed, setClosed] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // `version` is the snapshot the index was brought up to date with.
  const hits = useMemo(() => (version ? search.search(query) : []), [search, version, query]);
  const choose = (hit: Hit | undefined): void => {
    if (!hit) return;
    setFocus({ kind: hit.kind, id: hit.id }, true);
    setClosed(true);
    if (compact) collapse();
  };
  function collapse(): void {
    setQuery('');
    setExpanded(false);
    requestAnimationFrame(() => opener.current?.focus());
  }
  const open = query.trim() !== '' && !closed;
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  if (compact && !expanded) {
    return (
      <button
        ref={opener}
        type="button"
        className="kk-search-button"
        aria-label={t('browse.search.label')}
        title={t('browse.search.label')}
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
    <div className={compact ? 'kk-search kk-browse-search kk-search-overlay' : 'kk-search kk-browse-search'}>
      <label htmlFor="kk-search" className="kk-sr-only">
        {t('browse.search.label')}
      </label>
      <input
        id="kk-search"
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls="kk-search-results"
        aria-autocomplete="list"
        aria-activedescendant={open && hits.length > 0 ? `kk-hit-${activeIndex}` : undefined}
        autoComplete="off"
        placeholder={t('browse.search.placeholder')}
        data-testid="search"
        value={query}
        autoFocus={compact}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setClosed(false);
        }}
        onFocus={() => setClosed(false)}
        onBlur={() => {
          if (compact && !query) setExpanded(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive(Math.min(activeIndex + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive(Math.max(activeIndex - 1, 0));
          else if (e.key === 'Enter') choose(hits[activeIndex]);
          else if (e.key === 'Escape' && compact && (!query || closed)) collapse();
          else if (e.key === 'Escape' && open) setClosed(true);
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
        <ul
          id="kk-search-results"
          role="listbox"
          aria-label={t('browse.search.label')}
          className="kk-search-results"
          data-testid="search-results"
        >
          {hits.length === 0 && (
            <li className="kk-search-none" role="presentation" data-testid="search-none">
              {t('browse.search.none')}
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={`${h.kind}:${h.id}`}
              id={`kk-hit-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              data-testid="search-result"
              data-kind={h.kind}
              data-id={h.id}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              <span className="kk-hit-label">{h.label || t('browse.noName')}</span>{' '}
              <small className="kk-hit-detail">
                <span className={`kk-hit-kind kk-hit-kind-${h.kind}`}>{t(`browse.search.kind.${h.kind}`)}</span>
                {h.kind !== 'partner' && <> · {h.toPartner ? `${h.partner} → ${h.toPartner}` : h.partner}</>}
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
