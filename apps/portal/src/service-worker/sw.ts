// The portal's service worker (built to /sw.js by vite-plugin.ts). It keeps the app shell, index.html
// and the hashed files of the first view and of the report pages, so the portal opens and a report
// can be written with no connection. Pages go to the network first (they are always fresh when the
// network answers); hashed files come from the cache. The API is never cached (routing.ts).
import { handlingOf } from './routing.js';

declare const self: ServiceWorkerGlobalScope;
/** Written into the built worker by vite-plugin.ts: the build's version and the files to keep. */
declare const __PRECACHE__: { version: string; urls: string[] };

const BUILD = __PRECACHE__;
const PREFIX = 'studentdesk-portal-';
const CACHE = `${PREFIX}${BUILD.version}`;
const SHELL = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL, ...BUILD.urls]);
      // The new build's files are all kept: nothing is gained by waiting for old tabs to close.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      // The page that installed the worker is served by it from now on, not from its next load.
      await self.clients.claim();
    })(),
  );
});

/** The page from the network; with no network, the kept shell, which routes on the client. */
async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

/** Hashed files never change: the kept copy, else the network's, kept for next time (lazy pages, catalogs). */
async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // The files vary by Accept-Encoding only, which the browser adds below the Cache API anyway.
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const handling = handlingOf(event.request, self.location.origin);
  if (handling === 'shell') event.respondWith(networkFirst(event.request));
  else if (handling === 'asset') event.respondWith(cacheFirst(event.request));
});
