import type { Role } from '@ketenkaart/shared';
import { appPathOf } from '../host/basePath';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'map'; readonly id: string; readonly role: Role; readonly token: string }
  | { readonly page: 'badLink'; readonly id: string }
  | { readonly page: 'notFound' };

/** Reads the page from a path and fragment: `/`, or `/map/:id#edit=TOKEN` / `#view=TOKEN`. */
export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const match = /^\/map\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (!match?.[1]) return { page: 'notFound' };
  const id = match[1];
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const edit = params.get('edit');
  const view = params.get('view');
  if (edit) return { page: 'map', id, role: 'editor', token: edit };
  if (view) return { page: 'map', id, role: 'viewer', token: view };
  return { page: 'badLink', id };
}

/** The page at a location of this server (its path, base path included, and fragment). */
export function locationRoute(pathname: string, hash: string): Route {
  const appPath = appPathOf(pathname);
  return appPath === undefined ? { page: 'notFound' } : parseRoute(appPath, hash);
}

/**
 * Turns an absolute URL from the server into an app path with fragment (`/map/x#edit=…`): its
 * path without the base path (CL-O10). Navigation and links add the base again.
 */
export function localPath(url: string): string {
  try {
    const u = new URL(url, location.origin);
    return `${appPathOf(u.pathname) ?? u.pathname}${u.hash}`;
  } catch {
    return url;
  }
}
