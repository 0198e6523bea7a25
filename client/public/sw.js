/*
 * Ketenkaart's service worker: keeps the app shell (index.html and the hashed
 * assets) so that a reload while the server is unreachable still opens the editor;
 * the map itself comes from IndexedDB. API and sync requests are never cached.
 */
const CACHE = 'ketenkaart-shell-v1';
/** The app's base path with a trailing slash (`/` or `/ketenkaart/`): the worker's scope. */
const ROOT = new URL(self.registration.scope).pathname;

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(ROOT, { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => u.startsWith(`${ROOT}assets/`));
  await cache.put(ROOT, response);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(cacheShell());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new version is picked up; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && (url.pathname === ROOT || url.pathname.startsWith(`${ROOT}map/`))) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(ROOT, copy));
          }
          return response;
        })
        .catch(() => caches.match(ROOT).then((hit) => hit ?? Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith(`${ROOT}assets/`)) {
    // Hashed file names never change content: cache first.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
