/**
 * The sub-path the app is served under (rule SV-B1): a request URL inside `BASE_PATH` becomes the
 * URL the routes know (`/ketenkaart/api/maps` → `/api/maps`); one outside it is not the app's.
 */

/** What a raw request URL is, seen from a base path. */
export type BaseMatch =
  /** Inside the base: the URL without it (always starting with `/`). */
  | { readonly inside: string }
  /** Exactly the base without its trailing slash: send the browser to `base + '/'`. */
  | { readonly redirect: string }
  /** Not under the base. */
  | { readonly outside: true };

/** Places a raw request URL (path and query) relative to `base` (`''` or `/a[/b]`, see `normalizeBasePath`). */
export function matchBase(rawUrl: string, base: string): BaseMatch {
  if (base === '') return { inside: rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}` };
  const end = rawUrl.search(/[?#]/);
  const pathname = end === -1 ? rawUrl : rawUrl.slice(0, end);
  const rest = end === -1 ? '' : rawUrl.slice(end);
  if (pathname === base) return { redirect: `${base}/${rest}` };
  if (pathname.startsWith(`${base}/`)) return { inside: rawUrl.slice(base.length) };
  return { outside: true };
}
