import { useEffect, useState } from 'react';
import { ApiError, checkAccess } from '../api/api';
import { localPath, parseRoute } from '../routing/route';
import type { RecentMap } from '../store/recentMaps';

/** What the server says of a recent map: it no longer has it, or the link was replaced. */
export type RecentStatus = 'gone' | 'replaced';

/** At most this many recent maps are asked about per visit (the newest). */
export const RECENT_CHECKS = 20;

/** The token of the link this device keeps for a map: the edit link's, else the view link's. */
function tokenOf(map: RecentMap): string | undefined {
  for (const url of [map.editUrl, map.viewUrl]) {
    if (!url) continue;
    const path = localPath(url);
    const hash = path.indexOf('#');
    const route = parseRoute(hash < 0 ? path : path.slice(0, hash), hash < 0 ? '' : path.slice(hash));
    if (route.page === 'map') return route.token;
  }
  return undefined;
}

/**
 * Rule CL-O13: asks the server, once per visit, about the newest recent maps with the access check.
 * Only a clear answer counts: 404 gone, 401/403 replaced; offline, a failing server or a rate
 * limit say nothing. Nothing is removed here (CL-O3): the entry and any copy stay.
 */
export function useRecentStatus(maps: readonly RecentMap[]): ReadonlyMap<string, RecentStatus> {
  const [status, setStatus] = useState<ReadonlyMap<string, RecentStatus>>(new Map());
  const ids = maps
    .slice(0, RECENT_CHECKS)
    .map((m) => m.id)
    .join(',');
  useEffect(() => {
    let live = true;
    const asked = maps.slice(0, RECENT_CHECKS);
    void Promise.all(
      asked.map(async (m): Promise<[string, RecentStatus] | undefined> => {
        const token = tokenOf(m);
        if (!token) return undefined;
        try {
          await checkAccess(m.id, token);
          return undefined;
        } catch (e) {
          if (!(e instanceof ApiError)) return undefined;
          if (e.status === 404) return [m.id, 'gone'];
          if (e.status === 401 || e.status === 403) return [m.id, 'replaced'];
          return undefined;
        }
      }),
    ).then((answers) => {
      if (live) setStatus(new Map(answers.filter((a) => a !== undefined)));
    });
    return () => {
      live = false;
    };
    // Asked again only when the list itself changes, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  return status;
}
