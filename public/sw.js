// Vern service worker.
//
// - Content-hashed build output (/pkg/…) and icons: cache first (a hashed
//   name never changes content, so an old page can never get a new wasm).
// - The pages a person needs in the field (/runder, /runder/ny, /runde,
//   /runde/avslutt, /synk): network first; the last good copy is kept and
//   answers when there is no network. Their server HTML never depends on
//   the query string (/runde?id=…), so one copy per path serves every round,
//   including rounds created offline; the data comes from IndexedDB.
// - A bad network counts as none: a field page whose answer takes longer
//   than NETWORK_WAIT_MS, a 502/503/504, or an answer that is not Vern's
//   (no X-Vern header: a captive portal's page) is answered by the kept copy.
// - A newer page is kept only with all its files; where a kept copy exists,
//   a newer page whose files cannot be fetched is not shown either.
// - After a warm-up has kept every field page, hashed files no kept page
//   refers to are removed (the previous version's wasm, JS and CSS).
// - A room's report page (/r/{code}) is kept like a field page, one copy
//   per room, once it has been opened. For a room never opened, the form
//   for any room (/r/uten-nett, kept with the field pages) answers when
//   there is no network: the app queues the report for the scanned code.
// - The pages a leader reviews on a tablet (/oversikt, /avvik,
//   /avvik/sak, /tiltaksplan, /varsler, /runde/rapport): network first, and the last copy
//   of each address (query string included: one per case) is kept, at most
//   REVIEW_KEPT of them, so that without network the tablet shows the last
//   loaded state (the page says it is read-only; nothing is sent). Their
//   files are kept beside them like a field page's. A slow network is
//   waited for (no kept copy stands in for a newer page), and a redirect to
//   the login page, or opening it, drops every kept review page.
// - Other navigations offline go to /runder; API calls are never cached.
// - A new build is a new worker (the server writes BUILD into this file).
//   It fetches its build's files while it installs, then waits beside the
//   running one (which removes no file meanwhile): a page open mid-round
//   keeps the code it loaded until the person chooses the new version,
//   whose page then says 'skip-waiting'. Once active, the new worker's
//   warm-up keeps the new pages and removes the old build's files.
'use strict';

// The front-end build this worker belongs to (server/src/http/service_worker.rs).
const BUILD = '__VERN_BUILD__';

const STATIC_CACHE = 'vern-static-v1';
const PAGE_CACHE = 'vern-pages-v1';
const REVIEW_CACHE = 'vern-review-v1';
const REVIEW_PAGES = ['/oversikt', '/avvik', '/avvik/sak', '/tiltaksplan', '/varsler', '/runde/rapport', '/statistikk', '/arshjul', '/arshjul/enheter'];
const REVIEW_KEPT = 60;
const PRECACHE = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
const FIELD_PAGES = ['/runder', '/runder/ny', '/runde', '/runde/avslutt', '/synk'];
// The report form for any room (ANY_ROOM_TOKEN in app/src/reports.rs).
// Kept first: it needs no login, so a phone that has only scanned codes
// keeps it too.
const ANY_ROOM_FORM = '/r/uten-nett';
const KEPT_PAGES = [ANY_ROOM_FORM, ...FIELD_PAGES];
const WARM_INTERVAL_MS = 5 * 60 * 1000;
const NETWORK_WAIT_MS = 3000;
// A background copy (a warm-up, a file) gives up after this long.
const BACKGROUND_WAIT_MS = 60 * 1000;
let lastWarm = 0;
// The login server function (app/src/auth/login.rs).
const LOGIN_CALL = '/api/fn/login';
// Counts logouts and logins: a copy that began before one is not kept
// after it (it was fetched with another session, or with none).
let generation = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) => Promise.all([cache.addAll(PRECACHE), keepBuildFiles()])),
  );
});

// Fetches this build's wasm, JS and CSS while the worker installs, so that
// the reload the person chooses runs the new build at once, even on a bad
// network (a kept page is otherwise shown until a newer one's files are
// here). The form for any room needs no login and names the same files.
// Failing to fetch them fails nothing: the first page after the reload
// fetches them.
async function keepBuildFiles() {
  try {
    const page = await fetch(ANY_ROOM_FORM, { signal: AbortSignal.timeout(BACKGROUND_WAIT_MS) });
    if (page.ok && isVernAnswer(page)) await keepAssetsOf(page);
  } catch (error) {
    // Offline or a refused file: see above.
  }
}

self.addEventListener('activate', (event) => {
  const keep = [STATIC_CACHE, PAGE_CACHE, REVIEW_CACHE];
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

function isReportPage(url) {
  return /^\/r\/[A-Za-z0-9_-]+$/.test(url.pathname);
}

function isReviewPage(url) {
  return url.origin === self.location.origin && REVIEW_PAGES.includes(url.pathname);
}

function isFieldPage(url) {
  return url.origin === self.location.origin && (FIELD_PAGES.includes(url.pathname) || isReportPage(url));
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
  if (response.ok && isVernAnswer(response)) {
    // Two writers of one entry at once (this request and the page warm-up)
    // make one write fail; the page must still get its file.
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return response;
}

// Whether an answer came from Vern and can be used (not a gateway error
// or a captive portal standing in for it).
function isVernAnswer(response) {
  return response.headers.has('x-vern') && ![502, 503, 504].includes(response.status);
}

// The network's answer, or null when there is none or (when a kept copy
// can answer instead) it takes longer than `waitMs`.
async function networkAnswer(request, waitMs) {
  const controller = new AbortController();
  const timer = waitMs === null ? null : setTimeout(() => controller.abort(), waitMs);
  try {
    return await fetch(request, { signal: controller.signal });
  } catch (error) {
    return null;
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

// Resolves to `fallback` after `ms` unless `promise` settles first.
function within(promise, ms, fallback) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function pageNetworkFirst(event, request, url) {
  if (isReviewPage(url)) return reviewPage(event, request, url);
  if (!isFieldPage(url)) {
    try {
      return await fetch(request);
    } catch (error) {
      return offlinePage(url);
    }
  }
  const started = Date.now();
  const began = generation;
  const pages = await caches.open(PAGE_CACHE);
  const own = await pages.match(url.pathname);
  const kept = own || (isReportPage(url) ? await pages.match(ANY_ROOM_FORM) : undefined);
  const response = await networkAnswer(request, kept ? NETWORK_WAIT_MS : null);
  if (!response) return kept || offlinePage(url);
  // A redirect (to the login page, when the session is gone) always goes
  // through: a kept page must never stand in for a login.
  if (response.type === 'opaqueredirect') return response;
  // Without a kept copy, a Wi-Fi login page is better than nothing.
  if (!isVernAnswer(response)) return kept || response;
  if (!isKeepable(response)) return response;
  // Kept in the background either way: a failed copy never replaces the
  // network's answer, and a slow one never holds the page up.
  const keeping = keepPage(url.pathname, response.clone(), began);
  event.waitUntil(keeping.catch(() => undefined));
  if (!own) return response;
  // A complete kept copy is worth more than a newer page that cannot run:
  // the new page is shown once its files are here, within the time left.
  const left = Math.max(0, NETWORK_WAIT_MS - (Date.now() - started));
  const complete = await within(keeping.then(() => true, () => false), left, false);
  return complete ? response : kept;
}

// A review page: the network's answer, kept per address; without network
// (or with a bad one) the copy kept for this address, else a page saying
// it was never loaded here.
async function reviewPage(event, request, url) {
  const began = generation;
  const address = url.pathname + url.search;
  const pages = await caches.open(REVIEW_CACHE);
  const kept = await pages.match(address);
  // Unlike a field page, a slow answer is waited for: a kept copy stands
  // in only when there is no network, never for a newer page on a slow one.
  const response = await networkAnswer(request, null);
  if (!response) return kept || offlineAnswer(NOT_KEPT_REVIEW);
  if (response.type === 'opaqueredirect') {
    // The session is gone (expired, or ended on another device): what the
    // last person read is not left for the next one on this tablet.
    await caches.delete(REVIEW_CACHE);
    return response;
  }
  if (!isVernAnswer(response)) return kept || response;
  if (isKeepable(response)) {
    event.waitUntil(keepReview(address, response.clone(), began).catch(() => undefined));
  }
  return response;
}

const NOT_KEPT_REVIEW =
  'Denne siden er ikke lastet på denne enheten før. Åpne den med nett én gang, så kan du lese den her ' +
  'uten nett siden.';

// Keeps a review page with its files, dropping the oldest beyond REVIEW_KEPT.
async function keepReview(address, response, began) {
  await keepAssetsOf(response.clone());
  if (began !== generation) throw new Error('logged out meanwhile');
  const cache = await caches.open(REVIEW_CACHE);
  await cache.delete(address);
  await cache.put(address, response);
  if (began !== generation) {
    await cache.delete(address);
    throw new Error('logged out meanwhile');
  }
  const entries = await cache.keys();
  for (const old of entries.slice(0, Math.max(0, entries.length - REVIEW_KEPT))) await cache.delete(old);
}

// Caches a page's hashed files first, then the page: a kept page always
// has its wasm, JS and CSS beside it. `began` is the generation when the
// page was requested: a page fetched before a logout carries the previous
// person's session (a name, a form filled for them) and is never kept.
async function keepPage(path, response, began) {
  await keepAssetsOf(response.clone());
  if (began !== generation) throw new Error('logged out meanwhile');
  const cache = await caches.open(PAGE_CACHE);
  await cache.put(path, response);
  // A logout while the copy was written: its cache is gone, but this
  // entry may have landed in the new one.
  if (began !== generation) {
    await cache.delete(path);
    throw new Error('logged out meanwhile');
  }
}

async function offlinePage(url) {
  const cache = await caches.open(PAGE_CACHE);
  const page = await cache.match(url.pathname, { ignoreSearch: true });
  if (page) return page;
  if (isReportPage(url)) {
    const anyRoom = await cache.match(ANY_ROOM_FORM);
    if (anyRoom) return anyRoom;
    return offlineAnswer(
      'Meldeskjemaet for dette rommet er ikke lagret på telefonen. Skann koden igjen når du har nett – ' +
        'eller meld fra til lederen din.',
    );
  }
  if (await cache.match('/runder')) return Response.redirect('/runder', 302);
  return offlineAnswer('Åpne Vern med nett én gang mens du er logget inn, så virker vernerundene også uten nett.');
}

function offlineAnswer(text) {
  return new Response(
    '<!DOCTYPE html><html lang="nb"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      `<title>Vern – uten nett</title><main><h1>Ingen nettforbindelse</h1><p>${text}</p></main></html>`,
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  );
}

// Caches the hashed files a page refers to, so the page runs offline.
// The hashed files a page's HTML refers to.
function assetsOf(html) {
  return [...new Set(html.match(/\/pkg\/[A-Za-z0-9._\-/]+/g) || [])];
}

async function keepAssetsOf(response) {
  const urls = assetsOf(await response.text());
  const cache = await caches.open(STATIC_CACHE);
  const missing = async () =>
    (await Promise.all(urls.map(async (path) => ((await cache.match(path)) ? null : path)))).filter(Boolean);
  const copy = (path) =>
    fetch(path, { signal: AbortSignal.timeout(BACKGROUND_WAIT_MS) })
      .then((asset) => asset.ok && isVernAnswer(asset) && cache.put(path, asset))
      .catch(() => undefined);
  await Promise.all((await missing()).map(copy));
  // The page's own request writes the same entries; when two writers meet,
  // one write fails while the entry lands. Only a file still missing now
  // stops the page being kept: a kept page must never lack its wasm.
  const still = await missing();
  if (still.length) throw new Error(`not kept: ${still.join(', ')}`);
}

// Fetches every field page (with the person's session) into the cache,
// then removes the hashed files that no kept page needs any more.
async function warm() {
  const began = generation;
  for (const path of KEPT_PAGES) {
    const response = await fetch(path, { credentials: 'same-origin', signal: AbortSignal.timeout(BACKGROUND_WAIT_MS) });
    if (!isKeepable(response) || !isVernAnswer(response)) return false;
    await keepPage(path, response, began);
  }
  lastWarm = Date.now();
  await pruneStatic().catch(() => undefined);
  return true;
}

// Removes hashed build files that no kept page refers to.
async function pruneStatic() {
  // A newer worker installing or waiting for the person has fetched its
  // build's files, which no page kept by this one refers to yet. (Each
  // further deploy meanwhile adds its files too, until the person reloads.)
  if (self.registration.waiting || self.registration.installing) return;
  const pages = await caches.open(PAGE_CACHE);
  if (!(await allKept())) return; // not every field page is kept: keep every file too
  const needed = new Set();
  const reviews = await caches.open(REVIEW_CACHE);
  for (const cache of [pages, reviews]) {
    for (const request of await cache.keys()) {
      const page = await cache.match(request);
      if (page) for (const asset of assetsOf(await page.text())) needed.add(asset);
    }
  }
  const files = await caches.open(STATIC_CACHE);
  for (const request of await files.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/pkg/') && !needed.has(path)) await files.delete(request);
  }
}

// Whether every field page is kept (a logout drops them all).
async function allKept() {
  const pages = await caches.open(PAGE_CACHE);
  return (await Promise.all(KEPT_PAGES.map((path) => pages.match(path)))).every(Boolean);
}

// Messages from pages: 'warm' (at most every few minutes unless a page
// is missing), 'warm-now' or {warm: token} (at once; the answer carries
// the token), 'forget' (at logout: drop the kept pages, and
// any copy still under way), and 'skip-waiting' (the person chose this
// waiting version: take over now).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data === 'skip-waiting') {
    event.waitUntil(self.skipWaiting());
    return;
  }
  if (data === 'forget') {
    generation += 1;
    lastWarm = 0;
    event.waitUntil(Promise.all([caches.delete(PAGE_CACHE), caches.delete(REVIEW_CACHE)]));
    return;
  }
  const token = data && typeof data === 'object' ? data.warm : undefined;
  if (data !== 'warm' && data !== 'warm-now' && token === undefined) return;
  const recent = data === 'warm' && Date.now() - lastWarm < WARM_INTERVAL_MS;
  event.waitUntil(
    (async () => {
      if (recent && (await allKept())) return;
      const done = await warm().catch(() => false);
      if (event.source) event.source.postMessage({ warmed: done, token });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // A login changes whose session the next copies are made with. A warm-up
  // begun before it (on the login page, as nobody) is not kept, and the
  // warm-up the next page asks for is not skipped as recent: else the form
  // for any room could stay kept without the person's name.
  if (request.method === 'POST' && url.origin === self.location.origin && url.pathname === LOGIN_CALL) {
    generation += 1;
    lastWarm = 0;
  }
  if (request.method !== 'GET') return;
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Whoever opens the login page is logged out or about to be someone
    // else: the cases the last person read are not kept for them.
    // A copy still being made was fetched as the last person.
    if (url.pathname === '/login') {
      generation += 1;
      event.waitUntil(caches.delete(REVIEW_CACHE));
    }
    event.respondWith(pageNetworkFirst(event, request, url));
  } else if (isStatic(url)) {
    event.respondWith(staticFirst(request));
  }
});
