/**
 * Replacing the map's content (rule CL-J1). The counts the dialog shows are here; the
 * replacement itself is in the edit kit, loaded for editors only (rule CL-Z2).
 */
import type { MapFile, MapSnapshot } from '@ketenkaart/shared';
import { kit } from './editKit';
import type * as Edit from './edit/replace';

export const laidOutFile: typeof Edit.laidOutFile = (...a) => kit().replace.laidOutFile(...a);
export const replaceContent: typeof Edit.replaceContent = (...a) => kit().replace.replaceContent(...a);

/** What a replacement removes and brings: the counts the dialog shows before asking. */
export interface ContentCounts {
  readonly partners: number;
  readonly steps: number;
  readonly flows: number;
}

export function countsOf(content: MapSnapshot | MapFile): ContentCounts {
  const partners =
    'partnerById' in content ? content.partners.filter((p) => !p.unassigned).length : content.partners.length;
  return { partners, steps: content.steps.length, flows: content.flows.length };
}
