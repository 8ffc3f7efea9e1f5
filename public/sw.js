// Vern service worker.
//
// - Content-hashed build output (/pkg/…) and icons: cache first (a hashed
//   name never changes content, so an old page can never get a new wasm).
// - The pages a person needs in the field (/runder, /runder/ny, /runde,
//   /runde/avslutt, /synk): network first; the last good copy is kept and
//   answers when there is no network. Their server HTML never depends on
//   the query string (/runde?id=…), so one copy per path serves every round,
//   including rounds created offline; the data comes from IndexedDB.
// - Other navigations offline go to /runder; API calls are never cached.
'use strict';

const STATIC_CACHE = 'vern-static-v1';
const PAGE_CACHE = 'vern-pages-v1';
const PRECACHE = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
const FIELD_PAGES = ['/runder', '/runder/ny', '/runde', '/runde/avslutt', '/synk'];
const WARM_INTERVAL_MS = 5 * 60 * 1000;
let lastWarm = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  const keep = [STATIC_CACHE, PAGE_CACHE];
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => !keep.includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function isStatic(url) {
  return url.origin === self.location.origin && (url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/'));
}

function isFieldPage(url) {
  return url.origin === self.location.origin && FIELD_PAGES.includes(url.pathname);
}

// A page is worth keeping only if it is the real page for a logged-in person,
// not the login page a redirect led to.
function isKeepable(response) {
  return response.ok && !response.redirected && response.type === 'basic';
}

async function staticFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    // Two writers of one entry at once (this request and the page warm-up)
    // make one write fail; the page must still get its file.
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return response;
}

async function pageNetworkFirst(event, request, url) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return offlinePage(url);
  }
  if (isFieldPage(url) && isKeepable(response)) {
    // Kept in the background: the person gets the page at once, and a
    // failed copy never replaces the network's answer.
    event.waitUntil(keepPage(url.pathname, response.clone()).catch(() => undefined));
  }
  return response;
}

// Caches a page's hashed files first, then the page: a kept page always
// has its wasm, JS and CSS beside it.
async function keepPage(path, response) {
  await keepAssetsOf(response.clone());
  const cache = await caches.open(PAGE_CACHE);
  await cache.put(path, response);
}

async function offlinePage(url) {
  const cache = await caches.open(PAGE_CACHE);
  const page = await cache.match(url.pathname, { ignoreSearch: true });
  if (page) return page;
  if (await cache.match('/runder')) return Response.redirect('/runder', 302);
  return new Response(
    '<!DOCTYPE html><html lang="nb"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      '<title>Vern – uten nett</title><main><h1>Ingen nettforbindelse</h1>' +
      '<p>Åpne Vern med nett én gang mens du er logget inn, så virker vernerundene også uten nett.</p></main></html>',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  );
}

// Caches the hashed files a page refers to, so the page runs offline.
async function keepAssetsOf(response) {
  const html = await response.text();
  const urls = [...new Set(html.match(/\/pkg\/[A-Za-z0-9._\-/]+/g) || [])];
  const cache = await caches.open(STATIC_CACHE);
  const missing = async () =>
    (await Promise.all(urls.map(async (path) => ((await cache.match(path)) ? null : path)))).filter(Boolean);
  const copy = (path) =>
    fetch(path)
      .then((asset) => asset.ok && cache.put(path, asset))
      .catch(() => undefined);
  await Promise.all((await missing()).map(copy));
  // The page's own request writes the same entries; when two writers meet,
  // one write fails while the entry lands. Only a file still missing now
  // stops the page being kept: a kept page must never lack its wasm.
  const still = await missing();
  if (still.length) throw new Error(`not kept: ${still.join(', ')}`);
}

// Fetches every field page (with the person's session) into the cache.
async function warm() {
  for (const path of FIELD_PAGES) {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (!isKeepable(response)) return false;
    await keepPage(path, response);
  }
  lastWarm = Date.now();
  return true;
}

self.addEventListener('message', (event) => {
  if (event.data !== 'warm' && event.data !== 'warm-now') return;
  if (event.data === 'warm' && Date.now() - lastWarm < WARM_INTERVAL_MS) return;
  event.waitUntil(
    warm()
      .catch(() => false)
      .then((done) => event.source && event.source.postMessage({ warmed: done })),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageNetworkFirst(event, request, url));
  } else if (isStatic(url)) {
    event.respondWith(staticFirst(request));
  }
});
