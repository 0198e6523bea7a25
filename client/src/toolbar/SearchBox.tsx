import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewCommands } from '../commands/useViewCommands';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { laneNodeId } from '../store/laneNodeIds';
import { SearchCombobox } from '../ui/SearchCombobox';

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
  const search = useCallback(
    (query: string): Hit[] => {
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
    },
    [map, t],
  );
  return (
    <SearchCombobox<Hit>
      search={search}
      hitKey={(h) => h.id}
      renderHit={(h) => (
        <>
          <span>{h.text || t('step.noLabel')}</span> <small>{h.detail}</small>
        </>
      )}
      onChoose={(h) => view.jumpTo(h.id)}
      label={t('search.label')}
      placeholder={t('search.placeholder')}
      afterChoose="clear"
      compact={compact}
    />
  );
}
