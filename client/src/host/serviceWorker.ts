/**
 * The service worker's registration (rule CL-O11), put off until the opened page has shown what it
 * was opened for (CL-Z4): installing the worker precaches the whole build (megabytes, ELK's worker
 * among them), and on a first visit that download, and the server's work sending it, would
 * otherwise run beside the map's own chunks, its socket and its first render.
 */
import { serverPath } from './basePath';

/** After the page has settled, the worker is registered when the page is next idle, or after this at the latest. */
const IDLE_WAIT_MS = 1_000;
/** A page that never says it has settled (an error, a map that never loads) registers the worker after this. */
const AT_THE_LATEST_MS = 15_000;
/**
 * A registration or installation that failed (the server was away, or went away while the build
 * was being cached) is tried again after this, twice as long each time up to `RETRY_MAX_MS`:
 * without a worker, a reload while the server is away shows nothing.
 */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

let settle: () => void = () => undefined;
const settled = new Promise<void>((resolve) => {
  settle = resolve;
});

/**
 * Says the opened page has drawn what it was opened for (the map, the home page, an error), once
 * the frame being drawn now has been painted.
 */
export function markPageSettledAfterPaint(): void {
  requestAnimationFrame(() => setTimeout(settle, 0));
}

/** Registers the worker at `BASE/sw.js` with scope `BASE/` once the page has settled (CL-O10, CL-O11). */
export function registerServiceWorkerLater(container: ServiceWorkerContainer): void {
  const latest = setTimeout(settle, AT_THE_LATEST_MS);
  let retryMs = RETRY_FIRST_MS;
  const retry = (): void => {
    setTimeout(register, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };
  const register = (): void => {
    container
      .register(serverPath('/sw.js'), { scope: serverPath('/') })
      .then((registration) => {
        const installing = registration.installing;
        // An installation that fails (its precache could not be fetched) leaves no worker.
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'redundant' && !registration.active && !registration.waiting) retry();
        });
      })
      // No service worker (e.g. plain http on a LAN host) fails every time: everything works
      // except reloading offline. A server that was away may answer next time.
      .catch(retry);
  };
  void settled.then(() => {
    clearTimeout(latest);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(register, { timeout: IDLE_WAIT_MS });
    else setTimeout(register, 0);
  });
}
