import { type MapSnapshot, type Step } from '@ketenkaart/shared';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectSteps } from '../commands/flows';
import { useSession } from '../session/sessionContext';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { useUi } from '../store/uiStore';
import { FOCUS_FALLBACK_ID, Modal } from '../ui/Modal';
import type { FlowEdge, MapNode } from './derive/flowTypes';
import { focusItem } from './keyboard/focusItem';
import { stepsInReadingOrder } from './keyboard/readingOrder';

/** More candidates than this are not listed: typing narrows them down. */
const MAX_SHOWN = 100;

/** The step a new flow starts from: the one selected step. */
function sourceOf(map: MapSnapshot, selected: ReadonlySet<string>): Step | undefined {
  const [only] = selected;
  return selected.size === 1 && only !== undefined ? map.stepById.get(only) : undefined;
}

/**
 * Makes a flow from the selected step without a mouse (rule CL-K2): type to narrow the list of
 * steps, ↑ ↓ to choose, Enter to connect, Escape to cancel. The new flow is selected and
 * focused, so F2 names it and Delete takes it away again.
 */
export function ConnectDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow<MapNode, FlowEdge>();
  const map = useSnapshot(session.snapshots);
  const [from] = useState(() => sourceOf(map, useUi.getState().selected));
  const [query, setQuery] = useState('');
  const listId = useId();
  const inputId = useId();
  const close = (): void => useUi.getState().openDialog(null);

  const ordered = useMemo(() => stepsInReadingOrder(map), [map]);
  const candidates = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return ordered.filter(
      (s) =>
        s.id !== from?.id &&
        (!q ||
          s.label.toLocaleLowerCase().includes(q) ||
          (map.partnerById.get(s.partner)?.name ?? '').toLocaleLowerCase().includes(q)),
    );
  }, [ordered, query, from, map]);
  // Without a query the step after the source is offered first: the usual next step of a chain.
  const [active, setActive] = useState(() => {
    const after = ordered.findIndex((s) => s.id === from?.id);
    const next = ordered.slice(after + 1).find((s) => s.id !== from?.id);
    return Math.max(
      0,
      candidates.findIndex((s) => s.id === next?.id),
    );
  });
  const shown = candidates.slice(0, MAX_SHOWN);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  // Opened without one selected step (it cannot be, through the commands): nothing to do.
  useEffect(() => {
    if (!from) close();
  }, [from]);

  if (!from) return null;
  const pick = (to: Step | undefined): void => {
    if (!to) return;
    // A peer may have removed either step meanwhile.
    const now = session.snapshots.getSnapshot();
    if (!now.stepById.has(from.id) || !now.stepById.has(to.id)) {
      close();
      return;
    }
    const id = connectSteps(session.doc, from.id, to.id);
    session.snapshots.refresh();
    useUi.getState().select([id]);
    close();
    // Once the dialog is gone (this frame), the new flow takes the focus back on the map.
    requestAnimationFrame(() => {
      const canvas = document.getElementById(FOCUS_FALLBACK_ID);
      if (canvas) focusItem(canvas, flow, id);
    });
  };
  const move = (to: number): void => setActive(Math.max(0, Math.min(to, shown.length - 1)));

  return (
    <Modal
      title={t('connect.title', { from: from.label || t('step.noLabel') })}
      onClose={close}
      testId="connect-dialog"
    >
      <div className="kk-field">
        <label htmlFor={inputId}>{t('connect.search')}</label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded
          aria-controls={listId}
          aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          autoFocus
          data-testid="connect-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') move(active + 1);
            else if (e.key === 'ArrowUp') move(active - 1);
            else if (e.key === 'PageDown') move(active + 8);
            else if (e.key === 'PageUp') move(active - 8);
            else if (e.key === 'Enter') pick(shown[active]);
            else return;
            e.preventDefault();
          }}
        />
      </div>
      <ul ref={list} id={listId} role="listbox" className="kk-pick-list" data-testid="connect-targets">
        {shown.map((s, i) => (
          <li
            key={s.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid="connect-target"
            data-step-id={s.id}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(s)}
          >
            <span>{s.label || t('step.noLabel')}</span> <small>{map.partnerById.get(s.partner)?.name ?? ''}</small>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="kk-muted">{t('connect.none')}</p>}
      {candidates.length > shown.length && (
        <p className="kk-muted">{t('connect.more', { count: candidates.length - shown.length })}</p>
      )}
      <p className="kk-muted">{t('connect.help')}</p>
      <div className="kk-row kk-end">
        <button type="button" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </Modal>
  );
}
