// In-browser figures of issue 8.4, measured with performance.now() in Debian's headless Chromium on
// a 360 px phone viewport, against the release dist/ and deterministic synthetic catalogs:
//   1. catalog received -> the services list's first rows in the DOM (and the next frame),
//      10,000 services / 500 departments (the app's `catalog-received` and `catalog-ready` marks);
//   2. one keystroke in the search box -> the list updated (last DOM mutation), per keystroke;
//   3. opening the map (30 counties, ~2,000 places) -> counties and markers in the DOM (again after
//      the first opening, so that fetching the map's wasm module is not counted as drawing);
//   4. wasm linear memory + JS heap (after a forced GC) with the 10,000-service catalog loaded.
// Usage: node bench/browser.mjs [runs] [cpu-slowdown]   (catalogs come from `make bench-catalogs`)
//   BENCH_KEYS=1 also prints each keystroke's figures.
//   BENCH_LANG=ar|en reads the big catalog for an Arabic or English reader (Persian by default):
//   the app keeps the longer texts only in the reader's language.
import fs from "node:fs";
import path from "node:path";
import { launch, phone, ROOT, DIST } from "../tests/e2e/harness.mjs";
import { startStatic } from "../tests/e2e/servers.mjs";

const runs = Number(process.argv[2] || 5);
const slowdown = Number(process.argv[3] || 1);
const BIG = path.join(ROOT, "target/bench/catalog-10k.json");
const MAPPED = path.join(ROOT, "target/bench/catalog-2k-places.json");
for (const f of [BIG, MAPPED]) {
  if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`make bench-catalogs\``);
}

const files = { "/bench/catalog-10k.json": BIG, "/bench/catalog-2k-places.json": MAPPED };
const server = await startStatic({
  root: DIST,
  override(req, res, url) {
    const file = files[url.pathname];
    if (!file) return false;
    res.writeHead(200, { "content-type": "application/json", "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
    return true;
  },
});
const browser = await launch();

/** A fresh phone page whose config points at `catalog`; records when list rows first appear. */
async function open(catalog) {
  const context = await phone(browser);
  await context.route("**/config.json", (route) => route.fulfill({
    status: 200, contentType: "application/json",
    body: JSON.stringify({ catalog_url: catalog, catalog_max_mb: 64, catalog_timeout_ms: 120000 }),
  }));
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
    window.__rows = null;
    new MutationObserver((_, mo) => {
      if (document.querySelector(".cards .card")) {
        const dom = performance.now();
        requestAnimationFrame(() => { window.__rows = { dom, frame: performance.now() }; });
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (slowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  return { context, page, cdp };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs, unit = "ms", digits = 1) =>
  `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

const toRows = [], fromFirst = [], toValidated = [], toReady = [], toFrame = [], keys = [], keysSync = [], memWasm = [], memJs = [];
const mapFirst = [], mapDraw = [], mapFrame = [];
let markers = 0, places = 0, catalogBytes = fs.statSync(BIG).size;
try {
  for (let run = 0; run < runs; run++) {
    // 1 + 4: the 10,000-service catalog on /services.
    const { context, page, cdp } = await open("bench/catalog-10k.json");
    await page.goto(server.url + "services" + (process.env.BENCH_LANG ? `?lang=${process.env.BENCH_LANG}` : ""));
    await page.waitForFunction(() => window.__rows, null, { timeout: 180000 });
    const t = await page.evaluate(() => {
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
      return { first: at("catalog-first-byte"), received: at("catalog-received"), validated: at("catalog-validated"), ready: at("catalog-ready"), ...window.__rows };
    });
    toValidated.push(t.validated - t.received);
    fromFirst.push(t.dom - t.first);
    toReady.push(t.ready - t.received);
    toRows.push(t.dom - t.received);
    toFrame.push(t.frame - t.received);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    memJs.push(heap.usedSize / 2 ** 20);
    memWasm.push((await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? NaN)) / 2 ** 20);

    // 2: typing a query, one keystroke at a time; time until the last DOM change it caused.
    for (const ch of "کتابخانه") {
      const k = await page.evaluate(async (ch) => {
        const input = document.querySelector("form.filters input[type=search]");
        let last = null;
        const mo = new MutationObserver(() => { last = performance.now(); });
        mo.observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true, attributes: true });
        const t0 = performance.now();
        input.value += ch;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const sync = performance.now() - t0;
        await new Promise((r) => setTimeout(r, 300));
        mo.disconnect();
        return { sync, dom: (last ?? t0 + sync) - t0 };
      }, ch);
      keys.push(k.dom);
      // BENCH_KEYS=1 prints each keystroke: the letter, until the last DOM change, the handler.
      if (process.env.BENCH_KEYS) console.error(ch, k.dom.toFixed(1), k.sync.toFixed(1));
      keysSync.push(k.sync);
    }
    await context.close();

    // 3: the map with ~2,000 places, opened from the list once the geometry is cached.
    const m = await open("bench/catalog-2k-places.json");
    await m.page.goto(server.url + "services");
    await m.page.waitForFunction(() => window.__rows, null, { timeout: 60000 });
    await m.page.waitForLoadState("networkidle");
    // Opened twice: the first time includes fetching the map's wasm module, the second is drawing.
    const openMap = () => m.page.evaluate(async () => {
      const link = [...document.querySelectorAll("nav a")].find((a) => a.getAttribute("href").endsWith("map"));
      const done = new Promise((resolve) => {
        const check = () => document.querySelectorAll("path.county").length === 30 && document.querySelector("circle.marker");
        new MutationObserver((_, mo) => {
          if (check()) {
            mo.disconnect();
            const dom = performance.now();
            requestAnimationFrame(() => resolve({ dom, frame: performance.now() }));
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      link.click();
      const r = await done;
      return { draw: r.dom - t0, frame: r.frame - t0, markers: document.querySelectorAll("circle.marker").length };
    });
    const first = await openMap();
    await m.page.goBack();
    await m.page.waitForSelector(".cards .card");
    const again = await openMap();
    mapFirst.push(first.draw);
    mapDraw.push(again.draw);
    mapFrame.push(again.frame);
    markers = again.markers;
    await m.context.close();
  }
  places = JSON.parse(fs.readFileSync(MAPPED, "utf8")).locations.length;
} finally {
  await browser.close();
  await server.close();
}

const cpu = slowdown > 1 ? `, CPU slowed ${slowdown}×` : "";
console.log(`In-browser figures: median (range) of ${runs} runs, headless Chromium${cpu}`);
console.log(`| figure | median (range) | budget |`);
console.log(`|---|---|---|`);
console.log(`| 10k catalog (${(catalogBytes / 2 ** 20).toFixed(1)} MiB): received → read and validated | ${fmt(toValidated)} | — |`);
console.log(`| 10k catalog: received → read, validated and indexed | ${fmt(toReady)} | — |`);
console.log(`| 10k catalog: received → first list rows in the DOM | ${fmt(toRows)} | 100 ms |`);
console.log(`| 10k catalog: first byte → first list rows in the DOM (read while it downloads) | ${fmt(fromFirst)} | — |`);
console.log(`| 10k catalog: received → the frame after the first rows | ${fmt(toFrame)} | — |`);
console.log(`| one search keystroke → list updated (last DOM change), ${keys.length} keystrokes | ${fmt(keys)} | 16 ms |`);
console.log(`| one search keystroke: the input handler itself | ${fmt(keysSync)} | — |`);
const sortedKeys = [...keys].sort((a, b) => a - b);
console.log(`| one search keystroke → list updated: 95th percentile; the slowest five | ${sortedKeys[Math.floor(keys.length * 0.95)].toFixed(1)} ms; ${sortedKeys.slice(-5).map((x) => x.toFixed(1)).join(", ")} ms | — |`);
console.log(`| map opened: 30 counties + ${places} places (${markers} markers after grouping) in the DOM | ${fmt(mapDraw)} | 50 ms |`);
console.log(`| map opened: the frame after | ${fmt(mapFrame)} | — |`);
console.log(`| map opened the first time (its wasm module fetched over loopback and instantiated, then drawn) | ${fmt(mapFirst)} | — |`);
console.log(`| memory with the 10k catalog: wasm linear memory | ${fmt(memWasm, "MiB")} | — |`);
console.log(`| memory with the 10k catalog: JS heap after GC | ${fmt(memJs, "MiB")} | — |`);
console.log(`| memory with the 10k catalog: wasm + JS heap | ${fmt(memWasm.map((w, i) => w + memJs[i]), "MiB")} | 40 MB |`);
console.log(`| memory with the 10k catalog: wasm + JS heap, in MB | ${fmt(memWasm.map((w, i) => (w + memJs[i]) * 2 ** 20 / 1e6), "MB")} | 40 MB |`);
