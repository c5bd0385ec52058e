// Service worker: the app shell from the cache, data from the network with a cached fallback.
// The build (scripts/postbuild.py) fills in VERSION and PRECACHE with the hashed files of dist/.
const VERSION = "dev";
const PRECACHE = [];
const SHELL = "shell-" + VERSION;
const DATA = "data-v1";
const NETWORK_TIMEOUT_MS = 4000;
// Low-data mode registers this worker as `sw.js?lite`: it saves the shell and the first-load
// files at install, and each page's module only once a page needs it, instead of every module
// ahead of time for offline use.
const LITE = new URL(self.location.href).searchParams.has("lite");
const ON_DEMAND = /\/(split|chunk)_[^/]*\.wasm$/;

self.addEventListener("install", (event) => {
  const wanted = LITE ? PRECACHE.filter((u) => !ON_DEMAND.test(u)) : PRECACHE;
  event.waitUntil(
    caches.open(SHELL).then((c) => c.addAll(wanted)).then(() => self.skipWaiting())
  );
});

// A shell file from the cache, else from the network, kept for next time.
async function shellFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const old = names.filter((n) => n.startsWith("shell-") && n !== SHELL);
    await Promise.all(old.map((n) => caches.delete(n)));
    await self.clients.claim();
    if (old.length > 0) notify({ type: "update-ready" });
    await keepFirstVisit();
  })());
});

// The first visit fetched the config, the catalog and the map geometry before this worker was
// in control. Copies of them are taken from the browser's HTTP cache (never the network again),
// so that one visit is enough to work offline.
async function keepFirstVisit() {
  const cache = await caches.open(DATA);
  const keep = async (url) => {
    if (await cache.match(url)) return;
    const sameOrigin = new URL(url).origin === self.location.origin;
    const options = sameOrigin ? { cache: "only-if-cached", mode: "same-origin" } : { cache: "force-cache" };
    try { await store(cache, url, await fetch(url, options)); } catch (e) { /* not fetched yet */ }
  };
  const configUrl = shellUrl("config.json");
  await keep(configUrl);
  let catalogUrl = "catalog.json";
  try {
    const config = await (await cache.match(configUrl)).json();
    if (typeof config.catalog_url === "string" && config.catalog_url) catalogUrl = config.catalog_url;
  } catch (e) { /* the default catalog */ }
  await Promise.all([keep(new URL(catalogUrl, self.registration.scope).href), keep(shellUrl("map/counties.json"))]);
}

async function notify(message) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true });
  clients.forEach((c) => c.postMessage(message));
}

async function store(cache, request, response) {
  if (!response || !response.ok) return;
  const headers = new Headers(response.headers);
  headers.set("x-cached-at", new Date().toISOString());
  const body = await response.clone().arrayBuffer();
  // A broken answer (an HTML error page, cut-off JSON) must not replace the last good copy.
  try { JSON.parse(new TextDecoder().decode(body)); } catch (e) { return; }
  await cache.put(request, new Response(body, { status: 200, headers }));
}

function shellUrl(path) {
  return new URL(path, self.registration.scope).href;
}

// Data: the network within a few seconds; otherwise the saved copy (marked with x-cached-at),
// while the network answer still lands in the cache for next time.
async function dataFirst(event) {
  const cache = await caches.open(DATA);
  const request = event.request;
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      const previous = await cache.match(request);
      const fresh = response.clone();
      await store(cache, request, response.clone());
      if (previous && timedOut) {
        const [a, b] = await Promise.all([previous.text(), fresh.text()]);
        if (a !== b) notify({ type: "catalog-updated" });
      }
    }
    return response;
  });
  let timedOut = false;
  const timeout = new Promise((resolve) => setTimeout(() => { timedOut = true; resolve(null); }, NETWORK_TIMEOUT_MS));
  event.waitUntil(network.catch(() => null));
  try {
    const first = await Promise.race([network, timeout]);
    if (first && first.ok) return first;
    const cached = await cache.match(request);
    if (cached) return cached;
    return first || (await network);
  } catch (e) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The coordinators' desk: a build of its own under desk/ (never this app's shell), and the
  // server's desk answers, personal data behind a login (never kept on the device: a desk is
  // often a shared computer; the server says no-store as well).
  if (/\/desk(\/|$)/.test(url.pathname) || request.headers.has("authorization")) return;
  if (request.mode === "navigate" && url.origin === self.location.origin) {
    // Every route is the same app: answer with the cached shell, so deep links work offline.
    event.respondWith(
      caches.match(shellUrl("index.html")).then((r) => r || fetch(request))
    );
    return;
  }
  if (PRECACHE.includes(request.url) || PRECACHE.includes(url.href)) {
    event.respondWith(shellFirst(request));
    return;
  }
  if (url.pathname.endsWith("sw.js")) return;
  // The sign-up server's live answers (places left, a sign-up's state) are never kept: offline,
  // the app shows the catalog's own figure and date instead of an old count passed off as now.
  if (/\/(availability|signups\/[^/]+)$/.test(url.pathname)) return;
  if (request.headers.get("x-want-cache")) {
    // The app asks for the last good copy only (the network answer was unusable).
    event.respondWith(caches.open(DATA).then((c) => c.match(request.url)).then((r) => r || new Response("", { status: 504 })));
    return;
  }
  event.respondWith(dataFirst(event));
});
