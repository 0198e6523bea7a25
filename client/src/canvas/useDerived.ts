import { useMemo, useState } from 'react';
import { useSession } from '../session/sessionContext';
import { useCanEdit } from '../session/useCanEdit';
import { useSnapshot } from '../session/snapshots/useSnapshot';
import { useUi } from '../store/uiStore';
import type { Derived } from './derive/flowTypes';
import { MapDeriver } from './derive/MapDeriver';

/** Nodes and edges derived from the shared snapshot and the local selection. */
export function useDerived(): Derived {
  const session = useSession();
  const snapshot = useSnapshot(session.snapshots);
  const selected = useUi((s) => s.selected);
  const dragging = useUi((s) => s.dragging);
  const editable = useCanEdit();
  const [deriver] = useState(() => new MapDeriver());
  return useMemo(() => {
    return deriver.derive(snapshot, { selected, editable, dragging });
  }, [deriver, snapshot, selected, editable, dragging]);
}
