import { z } from 'zod';
import type * as Y from 'yjs';
import { roots, SCHEMA_VERSION } from '../model/doc.js';
import { metaFields } from '../model/entities.js';
import { ORIGINS, type Origin } from '../origins.js';
import { check, writeFields } from './validate.js';

const metaPatch = z.object({ title: metaFields.title, description: metaFields.description }).partial().strict();
export type MetaPatch = z.infer<typeof metaPatch>;

/** Sets the map's title and/or description (rule SH-O1). */
export function updateMeta(doc: Y.Doc, patch: MetaPatch, origin: Origin = ORIGINS.local): void {
  const valid = check(metaPatch, patch, 'meta');
  doc.transact(() => {
    const meta = roots(doc).meta;
    writeFields(meta, valid);
    if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
  }, origin);
}
