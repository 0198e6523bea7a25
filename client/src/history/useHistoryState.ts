import type { MapDiff, MapFile, MapSnapshot, PartnerChanges } from '@ketenkaart/shared';
import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../session/sessionContext';
import { useSnapshotValue } from '../session/snapshots/useSnapshot';
import { useHistoryUi, type HistoryMode } from '../store/historyUi';
import type * as Work from './historyWork';
import type { Mark } from './marks';

type HistoryWork = typeof Work;
let work: HistoryWork | undefined;
/** The history's computations, loaded on first use (rule CL-Z3). */
const loadWork = (): Promise<HistoryWork> => import('./historyWork').then((w) => (work = w));

/** A comparison of two versions (rule CL-V3). */
export interface Comparison {
  readonly from: MapFile;
  readonly to: MapFile;
  readonly diff: MapDiff;
  readonly partners: readonly PartnerChanges[];
}

/** What the canvas draws instead of the live map, and what it means. */
export interface HistoryView {
  readonly mode: Exclude<HistoryMode, { kind: 'live' }>;
  readonly snapshot: MapSnapshot;
  /** In a comparison: the mark of each node and edge that differs. */
  readonly marks: ReadonlyMap<string, Mark> | null;
  readonly comparison: Comparison | null;
}

/** The state of loading what the mode needs. */
export type HistoryState =
  | { readonly status: 'live' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed' }
  | { readonly status: 'ready'; readonly view: HistoryView };

/**
 * Loads the versions the history mode names and builds what the canvas draws (rules CL-V2,
 * CL-V3). A comparison with "now" follows the live map as it changes. The computations load
 * with the first version shown (CL-Z3).
 */
export function useHistoryState(): HistoryState {
  const session = useSession();
  const mode = useHistoryUi((s) => s.mode);
  // Only a comparison with "now" follows the live map; otherwise no update of the doc re-renders
  // this (CL-R21).
  const live = useSnapshotValue(session.snapshots, (map) =>
    mode.kind === 'compare' && mode.to === 'current' ? map : null,
  );
  const [loaded, setLoaded] = useState<HistoryWork | undefined>(work);
  // What was loaded, and for which mode: loaded for another mode means still loading.
  const [files, setFiles] = useState<{ mode: HistoryMode; from?: MapFile; to?: MapFile; failed?: true } | null>(null);
  useEffect(() => {
    if (mode.kind === 'live') return;
    let cancelled = false;
    const first = mode.kind === 'version' ? mode.snapshot.id : mode.from.id;
    const second = mode.kind === 'compare' && mode.to !== 'current' ? mode.to.id : undefined;
    loadWork()
      .then((w) => {
        if (!cancelled) setLoaded(w);
        return Promise.all([
          w.loadVersion(session.id, session.token, first),
          second === undefined ? undefined : w.loadVersion(session.id, session.token, second),
        ]);
      })
      .then(
        ([from, to]) => {
          if (!cancelled) setFiles(to ? { mode, from, to } : { mode, from });
        },
        () => {
          if (!cancelled) setFiles({ mode, failed: true });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [mode, session]);
  // "Now" is the live map's own export, so it compares with a snapshot field for field.
  const current = useMemo(
    () => (loaded && mode.kind === 'compare' && mode.to === 'current' ? loaded.currentFile(session.doc) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `live` changes with every update of the doc
    [mode, session, live, loaded],
  );
  return useMemo((): HistoryState => {
    if (mode.kind === 'live') return { status: 'live' };
    if (!loaded || !files || files.mode !== mode) return { status: 'loading' };
    if (files.failed || !files.from) return { status: 'failed' };
    if (mode.kind === 'version') return { status: 'ready', view: loaded.historyView(mode, files.from, null) };
    const to = files.to ?? current;
    if (!to) return { status: 'loading' };
    return { status: 'ready', view: loaded.historyView(mode, files.from, to) };
  }, [mode, files, current, loaded]);
}
