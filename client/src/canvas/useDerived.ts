import { useMemo, useState } from 'react';
import { useSession } from '../editor/sessionContext';
import { useUi } from '../store/uiStore';
import { useSnapshot } from '../sync/hooks';
import { MapDeriver, type Derived } from './derive';

/** Nodes and edges derived from the shared snapshot and the local selection. */
export function useDerived(): Derived {
  const session = useSession();
  const snapshot = useSnapshot(session.snapshots);
  const selected = useUi((s) => s.selected);
  const dragging = useUi((s) => s.dragging);
  const [deriver] = useState(() => new MapDeriver());
  return useMemo(() => {
    return deriver.derive(snapshot, { selected, editable: session.editable, dragging });
  }, [deriver, snapshot, selected, session.editable, dragging]);
}
