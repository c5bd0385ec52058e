// Every way in, as a volunteer arrives (issue 22.1): a phone on a fresh profile (service worker
// allowed, nothing cached) opens one route of the release dist/ and the server counts what it
// sends, with the cache lifetimes of dist/_headers as a static host sends them. For each route:
//   - to content: the bytes on the wire (brotli, as a static host serves dist/'s .br files) of every
//     request made before the route's content is on screen: the app has replaced the static shell
//     and drawn what the route is for (the list's first card, the department, the form, the map);
//   - first visit: every byte of the visit until the network has been quiet for 3 s (12 s at most),
//     the service worker's offline copy included;
// and the same for the benchmark's anchor, TodoMVC in Leptos (bench/todomvc, `make bench-anchor`).
// Counted at the server, so that the service worker's own fetches are counted too.
// Usage: node bench/arrival.mjs [runs]   (the median of each figure; 3 runs by default)
import fs from "node:fs";
import path from "node:path";
import { launch, phone, ROOT, DIST } from "../tests/e2e/harness.mjs";
import { startStatic } from "../tests/e2e/servers.mjs";

const runs = Number(process.argv[2] || 3);
const ANCHOR = path.join(ROOT, "target/todomvc/dist");
const KIB = 1024;
const QUIET_MS = 3000, VISIT_MS = 12000;

// Each route and what on it is its content, drawn by the app (not the static shell).
const ROUTES = [
  ["", ".home"],
  ["tak", ".cards .card"],
  ["tak/tak-1", "article.department h1"],
  ["tak/tak-1/signup", "form.signup"],
  ["services", ".cards .card"],
  ["services/svc-1", "article.service h1"],
  ["map", "path.county"],
];

/** A static server for `root` that records, for each request, when it came and what it sent. */
async function countingServer(root) {
  const log = [];
  const server = await startStatic({
    root, asHost: true,
    override(req, res, url) {
      const entry = { at: Date.now(), path: url.pathname, bytes: 0 };
      log.push(entry);
      // What the static server sends is a file of known length (its .br beside it when asked).
      const writeHead = res.writeHead.bind(res);
      res.writeHead = (status, headers = {}) => { entry.bytes = Number(headers["content-length"] || 0); return writeHead(status, headers); };
      return false;
    },
  });
  return { ...server, log };
}

/** One first visit of `url`; what was sent before `selector` showed (the shell gone), and in all. */
async function visit(browser, server, url, selector) {
  const context = await phone(browser, { serviceWorkers: "allow" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // A cheap phone's CPU: what is fetched before the content depends on how long drawing takes.
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // The moment the content is in the page, taken by the page itself (the server's clock is the
  // same machine's), so that a request made in the same instant is not miscounted.
  await context.addInitScript((sel) => {
    new MutationObserver((_, mo) => {
      if (!document.getElementById("shell") && document.querySelector(sel)) {
        window.__contentAt = Date.now();
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  server.log.length = 0;
  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__contentAt, null, { timeout: 60000 });
  const content = await page.evaluate(() => window.__contentAt);
  for (;;) {
    await page.waitForTimeout(250);
    const last = Math.max(...server.log.map((e) => e.at));
    if (Date.now() - last >= QUIET_MS || Date.now() - start >= VISIT_MS + QUIET_MS) break;
  }
  await context.close();
  const sum = (entries) => entries.reduce((n, e) => n + e.bytes, 0);
  const before = server.log.filter((e) => e.at <= content);
  return {
    toContent: sum(before), requests: before.length, all: sum(server.log), allRequests: server.log.length,
    ms: content - start,
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(browser, root, routes) {
  const server = await countingServer(root);
  const rows = [];
  try {
    for (const [route, selector] of routes) {
      const got = [];
      for (let i = 0; i < runs; i++) got.push(await visit(browser, server, server.url + route, selector));
      const pick = (k) => median(got.map((g) => g[k]));
      rows.push({ route: "/" + route, toContent: pick("toContent"), requests: pick("requests"), all: pick("all"), allRequests: pick("allRequests"), ms: pick("ms") });
    }
  } finally {
    await server.close();
  }
  return rows;
}

const browser = await launch();
const app = await measure(browser, DIST, ROUTES);
const anchor = fs.existsSync(path.join(ANCHOR, "index.html")) ? await measure(browser, ANCHOR, [["", ".todoapp .new-todo"]]) : [];
await browser.close();

const kib = (b) => (b / KIB).toFixed(1);
const mark = (b, goal) => (b <= goal * KIB ? `${kib(b)}` : `**${kib(b)}**`);
console.log("| route | to content, KiB (goal) | requests | first visit in all, KiB (goal 400) | requests | content on screen, 4× CPU |");
console.log("|---|---|---|---|---|---|");
for (const r of app) {
  const goal = r.route === "/" ? 170 : 250;
  console.log(`| ${r.route} | ${mark(r.toContent, goal)} (${goal}) | ${r.requests} | ${mark(r.all, 400)} | ${r.allRequests} | ${r.ms} ms |`);
}
for (const r of anchor) {
  console.log(`| TodoMVC (anchor) | ${kib(r.toContent)} | ${r.requests} | ${kib(r.all)} | ${r.allRequests} | ${r.ms} ms |`);
}
if (!anchor.length) console.log(`(no anchor: ${ANCHOR} is missing; \`make bench-anchor\` builds it)`);
