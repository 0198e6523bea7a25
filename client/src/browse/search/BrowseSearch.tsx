import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchCombobox } from '../../ui/SearchCombobox';
import { useBrowse } from '../browseStore';
import type { Hit } from './ChainSearch';
import { useChainSearch } from './useChainSearch';

/**
 * The browse search (rule CL-B2): as you type, steps, partners and documents; ↑ ↓ choose, Enter
 * focuses the choice (and brings it into view), Escape closes the list (a second Escape empties
 * the field, or closes the phone's overlay). Results are looked up again when the map changes, so
 * a peer's edit keeps the query and updates what it finds.
 */
export function BrowseSearch({ compact = false }: { readonly compact?: boolean }) {
  const { t } = useTranslation();
  const { search, version } = useChainSearch();
  const setFocus = useBrowse((s) => s.setFocus);
  // `version` is the snapshot the index was brought up to date with.
  const find = useCallback((query: string) => (version ? search.search(query) : []), [search, version]);
  return (
    <SearchCombobox<Hit>
      search={find}
      hitKey={(h) => `${h.kind}:${h.id}`}
      hitData={(h) => ({ 'data-kind': h.kind, 'data-id': h.id })}
      renderHit={(h) => (
        <>
          <span className="kk-hit-label">{h.label || t('browse.noName')}</span>{' '}
          <small className="kk-hit-detail">
            <span className={`kk-hit-kind kk-hit-kind-${h.kind}`}>{t(`browse.search.kind.${h.kind}`)}</span>
            {h.kind !== 'partner' && <> · {h.toPartner ? `${h.partner} → ${h.toPartner}` : h.partner}</>}
          </small>
        </>
      )}
      onChoose={(h) => setFocus({ kind: h.kind, id: h.id }, true)}
      label={t('browse.search.label')}
      placeholder={t('browse.search.placeholder')}
      noneText={t('browse.search.none')}
      afterChoose="keep"
      compact={compact}
      className="kk-browse-search"
    />
  );
}
