import type { MapLinks } from '../api/api';
import { localPath } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { rememberMap } from '../store/recentMaps';

/** Remembers a freshly created map with both links and opens its edit link. */
export function openCreated(links: MapLinks, title: string): void {
  rememberMap({ id: links.id, title, editUrl: links.editUrl, viewUrl: links.viewUrl, openedAt: Date.now() });
  navigate(localPath(links.editUrl));
}
