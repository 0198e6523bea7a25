import { useMemo, useState } from 'react';
import { useHistoryView } from '../history/HistoryContext';
import type { Mark } from '../history/marks';
import { useSession } from '../session/sessionContext';
import { useCanEdit } from '../session/useCanEdit';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { useUi } from '../store/uiStore';
import type { Derived } from './derive/flowTypes';
import { MapDeriver } from './derive/MapDeriver';

/**
 * Nodes and edges derived from the shared snapshot and the local selection; while the history
 * shows an old version or a comparison, from that version, read-only, each changed node and edge
 * carrying its mark as a class (rules CL-V2, CL-V3).
 */
export function useDerived(): Derived {
  const session = useSession();
  const live = useSnapshot(session.snapshots);
  const history = useHistoryView();
  const snapshot = history?.snapshot ?? live;
  const canEdit = useCanEdit();
  const editable = canEdit && !history;
  const selected = useUi((s) => s.selected);
  const dragging = useUi((s) => s.dragging);
  const [deriver] = useState(() => new MapDeriver());
  const derived = useMemo(
    () => deriver.derive(snapshot, { selected, editable, dragging }),
    [deriver, snapshot, selected, editable, dragging],
  );
  const marks = history?.marks;
  return useMemo(() => (marks ? marked(derived, marks) : derived), [derived, marks]);
}

/** The nodes and edges with their comparison mark as a class (`kk-change kk-change-<mark>`). */
function marked(derived: Derived, marks: ReadonlyMap<string, Mark>): Derived {
  const cls = (id: string): string | undefined => {
    const mark = marks.get(id);
    return mark ? `kk-change kk-change-${mark}` : undefined;
  };
  return {
    ...derived,
    nodes: derived.nodes.map((n) => {
      const className = cls(n.id);
      return className ? { ...n, className } : n;
    }),
    edges: derived.edges.map((e) => {
      const className = cls(e.id);
      return className ? { ...e, className } : e;
    }),
  };
}
