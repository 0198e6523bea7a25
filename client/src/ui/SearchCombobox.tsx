import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What the search field shows and does; the hits and how they look are the caller's. */
export interface SearchComboboxProps<H> {
  /** Hits for the field's text (the caller looks them up); memoised, so that it changes only with the map. */
  readonly search: (query: string) => readonly H[];
  readonly hitKey: (hit: H) => string;
  readonly renderHit: (hit: H) => ReactNode;
  /** Data attributes of a hit's list item (tests and styles). */
  readonly hitData?: (hit: H) => Record<`data-${string}`, string>;
  readonly onChoose: (hit: H) => void;
  readonly label: string;
  readonly placeholder: string;
  /** Shown when nothing matches; without it the list stays closed then. */
  readonly noneText?: string;
  /** After a choice on a wide screen: empty the field, or keep the query with the list closed. */
  readonly afterChoose: 'clear' | 'keep';
  /** A phone: a button that opens the field over the top bar; it closes after a choice. */
  readonly compact?: boolean;
  readonly className?: string;
}

/**
 * A search field with its list of hits as an ARIA combobox (rules CL-K4, CL-B2): ↑ ↓ choose, Enter
 * takes the choice, Escape closes the list and keeps the query, a second Escape empties the field
 * (or closes the phone's overlay). Hits are looked up again when the caller's `search` changes
 * (with the map), so they follow the map while the query stays.
 */
export function SearchCombobox<H>(props: SearchComboboxProps<H>) {
  const { t } = useTranslation();
  const { compact = false, noneText } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState(false);
  const [closed, setClosed] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const { search } = props;
  // `search` is memoised by the caller and changes with the map: hits follow the map, not each key press.
  const hits = useMemo(() => search(query), [search, query]);
  const open = query.trim() !== '' && !closed && (hits.length > 0 || noneText !== undefined);
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  /** Back to the button (once it is drawn again), which keeps the focus. */
  function collapse(): void {
    setQuery('');
    setExpanded(false);
    requestAnimationFrame(() => opener.current?.focus());
  }
  const choose = (hit: H | undefined): void => {
    if (hit === undefined) return;
    props.onChoose(hit);
    if (compact) collapse();
    else if (props.afterChoose === 'clear') setQuery('');
    else setClosed(true);
  };
  if (compact && !expanded) {
    return (
      <button
        ref={opener}
        type="button"
        className="kk-search-button"
        aria-label={props.label}
        title={props.label}
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
  const base = props.className ? `kk-search ${props.className}` : 'kk-search';
  return (
    <div className={compact ? `${base} kk-search-overlay` : base}>
      <label htmlFor="kk-search" className="kk-sr-only">
        {props.label}
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
        placeholder={props.placeholder}
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
          aria-label={props.label}
          className="kk-search-results"
          data-testid="search-results"
        >
          {hits.length === 0 && (
            <li className="kk-search-none" role="presentation" data-testid="search-none">
              {noneText}
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={props.hitKey(h)}
              id={`kk-hit-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              data-testid="search-result"
              {...props.hitData?.(h)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
            >
              {props.renderHit(h)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
