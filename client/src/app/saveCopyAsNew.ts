import { exportJson, type MapFile } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import { checkAccess, createMap, type MapLinks } from '../api/api';

/**
 * Makes a new map on the server from this device's copy of a map the server does not know
 * (CL-O3): the doc as JSON v1 through the shared export, posted like the home page's import.
 * Resolves only once the server has confirmed the new map (created, and its edit link accepted);
 * throws otherwise, and the caller then keeps the copy. Loaded on first use only.
 */
export async function saveCopyAsNew(doc: Y.Doc): Promise<{ links: MapLinks; title: string }> {
  const file = JSON.parse(exportJson(doc)) as MapFile;
  const links = await createMap(file);
  if ((await checkAccess(links.id, links.editToken)) !== 'editor')
    throw new Error('the new map does not accept its own edit link');
  return { links, title: file.title };
}
