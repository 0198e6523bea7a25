/**
 * Ketenkaart's service worker (rule CL-O11), built by vite-plugin-pwa (`injectManifest`): it keeps
 * the app shell (index.html, every hashed asset, the manifest and icons) in Workbox's precache, so
 * a reload while the server is unreachable still opens the editor; the map itself comes from
 * IndexedDB. The precache is versioned by the build's manifest: a new worker fetches what changed
 * and drops what the new build no longer has. API, health, metrics and sync are never cached.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  /** The build's files with their revisions, written in by vite-plugin-pwa. */
  readonly __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0];
};

// A new version takes over at once: the page in front is not kept on old assets (a lazy chunk
// that is gone makes the page reload, see main.tsx).
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
// No directory index: a navigation to the base path goes to the network first, like every page.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '' });

/** Paths under the scope that are the server's, never the app shell's. */
const NOT_THE_APP = [/\/api\//, /\/sync\//, /\/(healthz|livez|metrics)$/];

// Pages: network first, so a new deploy is seen at once; without a network, the precached shell
// (its relative URLs were made absolute under the base path by the server, SV-B2).
registerRoute(
  new NavigationRoute(
    async ({ request }) => {
      try {
        return await fetch(request);
      } catch (error) {
        const shell = await matchPrecache('index.html');
        if (shell) return shell;
        throw error;
      }
    },
    { denylist: NOT_THE_APP },
  ),
);
