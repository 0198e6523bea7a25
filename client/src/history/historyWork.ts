/**
 * What the history view computes (rules CL-V2, CL-V3): fetching and validating versions, the
 * live map's own export, comparisons. Loaded when a version is first shown, not with the map
 * (rule CL-Z3): it brings the JSON validation and the diff.
 */
import {
  changesByPartner,
  comparisonVersion,
  diffMaps,
  exportJson,
  parseMapFile,
  versionSnapshot,
  type MapFile,
} from '@ketenkaart/shared';
import type * as Y from 'yjs';
import type { HistoryMode } from '../store/historyUi';
import { marksOf } from './marks';
import type { HistoryView } from './useHistoryState';

export { loadVersion } from './versionCache';

/** The live map as a file, so it compares with a snapshot field for field. */
export function currentFile(doc: Y.Doc): MapFile {
  return parseMapFile(exportJson(doc));
}

/** What the canvas draws for `mode`: the version `from`, or the comparison of `from` with `to`. */
export function historyView(
  mode: Exclude<HistoryMode, { kind: 'live' }>,
  from: MapFile,
  to: MapFile | null,
): HistoryView {
  if (mode.kind === 'version' || !to) return { mode, snapshot: versionSnapshot(from), marks: null, comparison: null };
  const diff = diffMaps(from, to);
  const comparison = { from, to, diff, partners: changesByPartner(diff, from, to) };
  return {
    mode,
    snapshot: versionSnapshot(comparisonVersion(from, to, diff)),
    marks: marksOf(diff),
    comparison,
  };
}
