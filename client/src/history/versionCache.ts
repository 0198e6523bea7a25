import { parseMapFile, type MapFile } from '@ketenkaart/shared';
import { fetchVersion } from '../api/history';

/** Versions kept in memory; a snapshot never changes, so a fetched one is good until the page goes. */
const MAX_KEPT = 12;
const kept = new Map<string, Promise<MapFile>>();

/** One snapshot's content, fetched and validated once (a failed fetch is tried again next time). */
export function loadVersion(mapId: string, token: string, sid: string): Promise<MapFile> {
  const key = `${mapId}/${sid}`;
  const found = kept.get(key);
  if (found) return found;
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  const loading = fetchVersion(mapId, token, sid).then(parseMapFile);
  kept.set(key, loading);
  loading.catch(() => kept.delete(key));
  return loading;
}
