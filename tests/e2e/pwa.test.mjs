// Issue 7: installable (manifest), a "refresh" banner when a new version is waiting, and low-data
// mode that downloads the map's geometry only when the map is opened.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, phone, openPage, serveDist, appReady, DIST } from "./harness.mjs";
import { startStatic } from "./servers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the manifest makes the app installable: Persian name, direction, maskable icons, relative scope", async (t) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, "manifest.webmanifest"), "utf8"));
  assert.equal(manifest.lang, "fa");
  assert.equal(manifest.dir, "rtl");
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.scope, "./");
  assert.match(manifest.name, /تاک/);
  for (const size of ["192x192", "512x512"]) {
    assert.ok(manifest.icons.some((i) => i.sizes === size && i.purpose === "maskable"), `maskable ${size}`);
    const icon = manifest.icons.find((i) => i.sizes === size);
    const png = fs.readFileSync(path.join(DIST, icon.src));
    assert.equal(png.readUInt32BE(16), Number(size.split("x")[0]), "the PNG has the size it claims");
  }
  const server = await serveDist();
  t.after(() => server.close());
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url);
  const href = await page.getAttribute('link[rel="manifest"]', "href");
  const res = await page.request.get(new URL(href, server.url).href);
  assert.equal(res.status(), 200);
  await ctx.close();
});

test("a new version shows a refresh banner and nothing reloads by itself", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
  fs.cpSync(DIST, dir, { recursive: true });
  for (const f of ["sw.js.br", "sw.js.gz"]) fs.rmSync(path.join(dir, f), { force: true });
  const server = await startStatic({ root: dir });
  t.after(async () => { await server.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1/signup");
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.fill("#signup-name", "در حال نوشتن");
  // Deploy a new version: the worker's version changes.
  const sw = path.join(dir, "sw.js");
  fs.writeFileSync(sw, fs.readFileSync(sw, "utf8").replace(/const VERSION = "[^"]*";/, 'const VERSION = "next";'));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForSelector(".notice-update", { timeout: 20000 });
  assert.match(await page.textContent(".notice-update"), /نسخهٔ تازه‌ای آماده است/);
  assert.equal(await page.inputValue("#signup-name"), "در حال نوشتن", "what was typed is still there");
  await ctx.close();
});

test("low-data mode fetches the map only when the map is opened; otherwise it is prefetched", async (t) => {
  const log = [];
  const server = await serveDist({ log });
  t.after(() => server.close());
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "about");
  await appReady(page);
  await page.waitForSelector(".card, #setting-low-data");
  await page.waitForTimeout(800);
  assert.ok(log.some((p) => p.endsWith("map/counties.json")), "prefetched when not saving data");
  await page.check("#setting-low-data");
  log.length = 0;
  for (const route of ["", "tak", "services", "services/svc-1"]) {
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForSelector("h1");
  }
  await page.waitForTimeout(800);
  assert.equal(log.filter((p) => p.endsWith("map/counties.json")).length, 0, "no map download in low-data mode");
  assert.equal(log.filter((p) => /\.(png|jpe?g|webp|gif)$/.test(p)).length, 0, "no images");
  await page.click('.bottom-nav a[href$="/map"]');
  await page.waitForSelector("path.county");
  assert.ok(log.some((p) => p.endsWith("map/counties.json")), "fetched when the map opens");
  await ctx.close();
});

// Issue 8: the wasm is split. `/` needs only the first-load module (and the catalog reader for the
// data it keeps for offline use); a page's own module arrives when that page is opened, and a deep
// link fetches the modules of its page at once, each only once.
test("the first visit downloads only the modules it needs; a page's module arrives when it opens", async (t) => {
  const log = [];
  const server = await serveDist({ log });
  t.after(() => server.close());
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  const modules = () => log.filter((p) => p.endsWith(".wasm")).map((p) => p.split("/").pop().replace(/-[0-9a-f]+(_bg)?\.wasm$/, "$1"));
  await page.goto(server.url);
  await appReady(page);
  await page.waitForSelector("h1");
  await page.waitForTimeout(800);
  const home = modules();
  assert.ok(home.includes("khuzestan-app_bg"), "the first-load module");
  // The home page is in the first load; the catalog reader comes with the lists' module, after it.
  assert.deepEqual(home.filter((m) => m.startsWith("split_")), ["split_lists"], "only the lists' module (the catalog reader) on the home page");
  await page.click('.bottom-nav a[href$="/tak"]');
  await page.waitForSelector(".card");
  assert.ok(!modules().includes("split_map") && !modules().includes("split_more"), "not the map's, nor the other pages'");

  log.length = 0;
  const deepCtx = await phone(browser);
  await deepCtx.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", () => { window.__started = performance.now(); });
  });
  const deep = await openPage(deepCtx);
  await deep.goto(server.url + "services");
  await appReady(deep);
  await deep.waitForSelector(".card");
  assert.ok(modules().includes("split_lists"), "a deep link loads its page module, which has the reader");
  const early = await deep.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.endsWith(".wasm") && e.startTime < window.__started).map((e) => e.name.split("/").pop()));
  assert.ok(early.some((f) => f.startsWith("split_lists-")), `the page module is fetched before the app starts, not discovered late (${early})`);
  assert.ok(early.some((f) => f.endsWith("_bg.wasm")), "and the first-load module");
  const counts = {};
  for (const m of modules()) counts[m] = (counts[m] || 0) + 1;
  assert.deepEqual(Object.entries(counts).filter(([, n]) => n > 1), [], "no module is downloaded twice");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(deep.errors, []);
  await ctx.close();
  await deepCtx.close();
});

// The static shell is painted before the app runs, on every route: that first paint is what a
// reader on a slow network sees, and the wasm is not even requested until it has been painted
// (the wasm's download then never competes with the stylesheet that paint needs).
test("the shell paints before the wasm runs, and the wasm is asked for only after that paint", async (t) => {
  const log = [];
  const server = await serveDist({ log });
  t.after(() => server.close());
  for (const route of ["", "services", "tak/tak-1/signup"]) {
    const ctx = await phone(browser);
    await ctx.addInitScript(() => {
      window.__firstPaint = null;
      window.__started = null;
      window.__wasmAsked = null;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.name === "first-contentful-paint") window.__firstPaint = e.startTime;
      }).observe({ type: "paint", buffered: true });
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.name.endsWith("_bg.wasm") && window.__wasmAsked === null) window.__wasmAsked = e.startTime;
      }).observe({ type: "resource", buffered: true });
      addEventListener("TrunkApplicationStarted", () => { window.__started = performance.now(); });
    });
    const page = await openPage(ctx);
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForFunction(() => window.__started !== null && window.__wasmAsked !== null);
    const t = await page.evaluate(() => ({ paint: window.__firstPaint, started: window.__started, asked: window.__wasmAsked }));
    assert.ok(t.paint !== null && t.paint < t.started, `/${route}: the shell painted (${t.paint} ms) before the app started (${t.started} ms)`);
    assert.ok(t.paint <= t.asked, `/${route}: the wasm was requested (${t.asked} ms) after the first paint (${t.paint} ms)`);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  }
});
