import * as Y from 'yjs';
import { type EntityMap, entity, roots, SCHEMA_VERSION } from '../model/doc.js';
import { ORIGINS, type Origin } from '../origins.js';
import { simplePlacement } from '../geometry/placement.js';
import { DEFAULTS, flowValues, partnerValues, stepValues } from '../model/defaults.js';
import type { MapFile } from './schema.js';

/** Sets the fields of an entity, creating it if needed and writing only what differs. */
function upsert(parent: Y.Map<EntityMap>, id: string, fields: Record<string, unknown>): void {
  let map = entity(parent, id);
  if (!map) {
    map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    parent.set(id, map);
    return;
  }
  for (const [key, value] of Object.entries(fields)) if (map.get(key) !== value) map.set(key, value);
}

function removeMissing(parent: Y.Map<EntityMap>, keep: ReadonlySet<string>): void {
  for (const id of [...parent.keys()]) if (!keep.has(id)) parent.delete(id);
}

/**
 * The most steps a file without places may have for the importer to lay it out with the lane
 * layout (rule SH-LY11). ELK needs seconds per thousand steps; past this the importer's own
 * placement (SH-J7) stands, and the person lays the map out when they choose to.
 */
export const IMPORT_LAYOUT_MAX_STEPS = 2_000;

/**
 * Whether an importer lays this file's map out after writing it (rule SH-LY11): some step has
 * no `x` or `y`, and the map has at most `IMPORT_LAYOUT_MAX_STEPS` steps.
 */
export function layoutOnImport(file: MapFile): boolean {
  return file.steps.length <= IMPORT_LAYOUT_MAX_STEPS && file.steps.some((s) => s.x === undefined || s.y === undefined);
}

/** Where the importer places the steps without a position (SH-J7), for the whole file. */
function placementOf(file: MapFile): ReadonlyMap<string, { x: number; y: number }> | undefined {
  const unplaced = file.steps.some((s) => s.x === undefined || s.y === undefined);
  return unplaced ? simplePlacement(file) : undefined;
}

/**
 * Replaces the document's content with a validated file in one transaction (rule SH-J8).
 * Entities with the same id are updated in place, so concurrent edits to other fields
 * survive; entities not in the file are removed. Steps without a position are placed
 * with `simplePlacement`.
 */
export function applyMapFile(doc: Y.Doc, file: MapFile, origin: Origin = ORIGINS.import): void {
  write(doc, file, placementOf(file), origin);
}

/**
 * Writes a validated file into a new, empty document in `parts` transactions (rule SH-J15): each
 * adds the next share of the steps, in file order, and the flows whose two steps are then both
 * there; the first also writes the title and the partners. So each transaction's update is a
 * part a store can write in a turn of its own, and together they give the document
 * `applyMapFile` gives. Steps without a position are placed as the whole file places them.
 */
export function createInParts(doc: Y.Doc, file: MapFile, parts: number, origin: Origin = ORIGINS.import): void {
  const placed = placementOf(file);
  const n = Math.max(1, Math.min(Math.floor(parts), file.steps.length));
  const share = Math.ceil(file.steps.length / n);
  const partOf = new Map(file.steps.map((s, i) => [s.id, Math.floor(i / share)]));
  const flowsOf = Array.from({ length: n }, (): MapFile['flows'] => []);
  for (const f of file.flows) flowsOf[Math.max(partOf.get(f.from) ?? 0, partOf.get(f.to) ?? 0)]?.push(f);
  // Each part writes only what it adds (the title and partners again, unchanged, write nothing).
  flowsOf.forEach((flows, k) => {
    const steps = file.steps.slice(k * share, (k + 1) * share);
    write(doc, { ...file, steps, flows }, placed, origin, false);
  });
}

function write(
  doc: Y.Doc,
  file: MapFile,
  placed: ReadonlyMap<string, { x: number; y: number }> | undefined,
  origin: Origin,
  /** Remove what the file does not have (SH-J8); false when adding one part of a new map. */
  replace = true,
): void {
  const r = roots(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries({
      title: file.title,
      description: file.description ?? DEFAULTS.meta.description,
      schemaVersion: SCHEMA_VERSION,
    })) {
      if (r.meta.get(key) !== value) r.meta.set(key, value);
    }
    file.partners.forEach((p, order) => upsert(r.partners, p.id, { ...partnerValues(p), order }));
    for (const s of file.steps) {
      const at = placed?.get(s.id);
      upsert(r.steps, s.id, {
        ...stepValues(s),
        x: Math.round(s.x ?? at?.x ?? 0),
        y: Math.round(s.y ?? at?.y ?? 0),
      });
    }
    for (const f of file.flows) {
      upsert(r.flows, f.id, flowValues(f));
    }
    if (!replace) return;
    removeMissing(r.flows, new Set(file.flows.map((f) => f.id)));
    removeMissing(r.steps, new Set(file.steps.map((s) => s.id)));
    removeMissing(r.partners, new Set(file.partners.map((p) => p.id)));
  }, origin);
}
