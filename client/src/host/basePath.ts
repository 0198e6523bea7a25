/**
 * The sub-path the app is served under (rule CL-O10), learnt at run time: the server writes it into
 * `index.html` as `<meta name="ketenkaart-base" content="/ketenkaart">` (empty at the root), so one
 * build serves any `BASE_PATH`. Every URL the app makes (links, API, websocket, service worker)
 * goes through here; routes inside the app are paths without it (`/`, `/map/:id`).
 */

/** A base path as the server writes it: empty, or `/a` / `/a/b` with safe characters only. */
const BASE_FORM = /^(\/[A-Za-z0-9._~-]+)*$/;

/** The base path in a page's meta element; `''` when there is none (the Vite dev server) or it is malformed. */
export function readBasePath(doc: Pick<Document, 'querySelector'> | undefined): string {
  const value = doc?.querySelector<HTMLMetaElement>('meta[name="ketenkaart-base"]')?.content ?? '';
  return BASE_FORM.test(value) ? value : '';
}

/** This page's base path. */
export const BASE_PATH = readBasePath(typeof document === 'undefined' ? undefined : document);

/** The path on the server of an app path: `/map/x` → `/ketenkaart/map/x`. */
export function serverPath(appPath: string, base: string = BASE_PATH): string {
  return base + appPath;
}

/** The app path of a path on the server, or `undefined` when it lies outside the base. */
export function appPathOf(pathname: string, base: string = BASE_PATH): string | undefined {
  if (base === '') return pathname;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : undefined;
}

/** The absolute URL of an app path on this page's origin (what a person copies and shares). */
export function absoluteUrl(appPath: string): string {
  return `${location.origin}${serverPath(appPath)}`;
}
