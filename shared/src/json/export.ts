import type * as Y from 'yjs';
import { readMap, UNASSIGNED_ID } from '../read.js';
import type { MapSnapshot } from '../model/types.js';
import { FORMAT_NAME, FORMAT_VERSION, type MapFile } from './schema.js';
import { parseMapFile } from './parse.js';
import { applyMapFile } from './apply.js';
import { ORIGINS, type Origin } from '../origins.js';

/** Name given to the lane of orphan steps when it is written to a file (rule SH-J9). */
export const UNASSIGNED_EXPORT_NAME = 'Niet toegewezen';

/**
 * The JSON v1 form of a snapshot: every field written out, partners in lane order,
 * only flows that are drawn. Orphan steps get a real partner, so the file is valid (rule SH-J9).
 */
function toMapFile(map: MapSnapshot): MapFile {
  let unassignedId = 'unassigned';
  for (let n = 2; map.partnerById.has(unassignedId); n++) unassignedId = `unassigned-${n}`;
  const lane = (id: string): string => (id === UNASSIGNED_ID ? unassignedId : id);
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: map.meta.title,
    description: map.meta.description,
    partners: map.partners.map((p) => ({
      id: lane(p.id),
      name: p.unassigned ? UNASSIGNED_EXPORT_NAME : p.name || p.id,
      color: p.color,
      description: p.description,
    })),
    steps: map.steps.map((s) => ({
      id: s.id,
      partner: lane(s.partner),
      label: s.label,
      kind: s.kind,
      description: s.description,
      contact: s.contact,
      x: s.x,
      y: s.y,
    })),
    flows: map.flows.map((f) => ({
      id: f.id,
      from: f.from,
      to: f.to,
      label: f.label,
      kind: f.kind,
      status: f.status,
      note: f.note,
    })),
  };
}

/** The document as JSON v1 text, pretty-printed (rule SH-J9). */
export function exportJson(doc: Y.Doc): string {
  return `${JSON.stringify(toMapFile(readMap(doc)), null, 2)}\n`;
}

/**
 * Validates a JSON v1 text whole and, only if it is valid, replaces the document's
 * content with it in one transaction. On an invalid file it throws an ImportError and
 * leaves the document untouched: no transaction, no update (rule SH-J4).
 */
export function importJson(doc: Y.Doc, text: string, origin: Origin = ORIGINS.import): MapFile {
  const file = parseMapFile(text);
  applyMapFile(doc, file, origin);
  return file;
}
