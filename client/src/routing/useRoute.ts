import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './route';

const listeners = new Set<() => void>();
let cachedKey = '';
let cached: Route = { page: 'home' };

function current(): Route {
  const key = location.pathname + location.hash;
  if (key !== cachedKey) {
    cachedKey = key;
    cached = parseRoute(location.pathname, location.hash);
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

/** Goes to a same-origin path (with fragment) without a page load. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
