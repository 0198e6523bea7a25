import { useSyncExternalStore } from 'react';
import { serverPath } from '../host/basePath';
import { locationRoute, type Route } from './route';

const listeners = new Set<() => void>();
let cachedKey = '';
let cached: Route = { page: 'home' };

/** Two routes that open the same page (the fragment may say more, e.g. a browse focus). */
function samePage(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function current(): Route {
  const key = location.pathname + location.hash;
  if (key !== cachedKey) {
    cachedKey = key;
    const next = locationRoute(location.pathname, location.hash);
    // Keep the same object when only the rest of the fragment changed, so the page does not re-render.
    if (!samePage(next, cached)) cached = next;
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
    window.removeEventListener('hashchange', listener);
  };
}

/** Goes to an app path (with fragment; the base path is added) without a page load. */
export function navigate(path: string, replace = false): void {
  const url = serverPath(path);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
