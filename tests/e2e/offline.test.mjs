// Issue 7: any static host at any path, offline after one visit, and no request to anyone else.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { launch, phone, openPage, serveDist, appReady, until } from "./harness.mjs";

function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); }); });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test("under a sub-path with no SPA fallback (like GitHub Pages), deep links open and reload", async (t) => {
  const server = await serveDist({ prefix: "/khuzestan/tak/", spaFallback: false });
  t.after(() => server.close());
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  // A first visit straight to a deep link: the host answers with 404.html, which is the app.
  const res = await page.goto(server.url + "tak/tak-1");
  assert.equal(res.status(), 404);
  await appReady(page);
  await page.waitForSelector(".department h1");
  await page.click('.bottom-nav a[href$="/map"]');
  await page.waitForURL(/\/khuzestan\/tak\/map$/);
  await page.waitForSelector("path.county");
  await page.reload();
  await appReady(page);
  await page.waitForSelector("path.county");
  // The sub-path "…/tak/" is itself the app's root, not the TAK list.
  await page.goto(server.url);
  await appReady(page);
  await page.waitForSelector("section.programme");
  const ctx2 = await phone(browser);
  const fresh = await openPage(ctx2);
  await fresh.goto(server.url + "services/svc-2");
  await appReady(fresh);
  await fresh.waitForSelector(".service h1");
  assert.deepEqual(fresh.errors.filter((e) => !e.includes("404")), []);
  await ctx.close(); await ctx2.close();
});

test("after one online visit the app works offline, and a sign-up waits in the outbox", async (t) => {
  const server = await serveDist({ port: await freePort() });
  let closed = false;
  t.after(() => closed || server.close());
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  const page = await openPage(ctx);
  await page.goto(server.url);
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await until(() => page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker to take control");
  // Visit the data once so the worker keeps it (the catalog is cached as it is fetched).
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".card");
  await until(() => page.evaluate(async () => {
    const names = await caches.keys();
    let n = 0;
    for (const name of names) n += (await (await caches.open(name)).keys()).length;
    return n >= 10;
  }), "the precache and data cache");
  await until(() => page.evaluate(async () => !!(await caches.match(new URL("map/counties.json", document.baseURI).href))), "the map geometry in the cache");

  // The network goes away: the browser is offline and the server is gone.
  await ctx.setOffline(true);
  await server.close();
  closed = true;
  await page.reload();
  await appReady(page);
  await page.waitForSelector(".card");
  assert.match(await page.textContent("main"), /اتصال برقرار نیست؛ آخرین داده‌های ذخیره‌شده/);
  for (const [route, selector] of [["services/svc-3", ".service h1"], ["map", "path.county"], ["programme", ".timeline"], ["about", "#setting-staff"]]) {
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForSelector(selector);
  }
  // Offline, a change of language reads the worker's copy of the catalog again for the new
  // reader (issue 8: the catalog keeps the longer texts in one language), then back.
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await page.selectOption(".lang-switch select", "en");
  await until(async () => (await page.textContent("main")).includes("Free library membership for Welfare Card holders"), "the English description, offline");
  await page.selectOption(".lang-switch select", "fa");
  await until(async () => (await page.textContent("main")).includes("عضویت رایگان کتابخانه برای دارندگان رفاه‌کارت"), "the Persian description again");
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.fill("#signup-name", "سارا باوی");
  await page.fill("#signup-mobile", "٠٩١٦١٢٣٤٥٦٧");
  await page.selectOption("#signup-age", "teens");
  await page.check("#signup-consent");
  await page.click("button[type=submit]");
  await page.waitForSelector("#signup-done");
  const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem("tak.outbox")));
  assert.equal(outbox.length, 1);
  assert.equal(outbox[0].signup.mobile, "+989161234567");
  await ctx.close();
});

test("no request leaves for any origin but the app's own", async (t) => {
  const server = await serveDist();
  t.after(() => server.close());
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  const page = await openPage(ctx);
  for (const route of ["", "tak", "tak/tak-1", "tak/tak-1/signup", "services", "services/svc-1", "map", "my", "programme", "about"]) {
    await page.goto(server.url + route);
    await appReady(page);
  }
  await page.waitForTimeout(500);
  const origin = new URL(server.url).origin;
  const foreign = page.requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.ok(page.requests.length > 10);
  await ctx.close();
});

test("one visit to /map on a fresh phone is enough: offline, every route works; back online, one retry restores all", async (t) => {
  const server = await serveDist({ port: await freePort() });
  let closed = false;
  t.after(() => closed || server.close());
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  // The worker takes control after the first load and keeps what that load fetched.
  await until(() => page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker to take control");
  await until(() => page.evaluate(async () => {
    const hit = async (p) => !!(await caches.match(new URL(p, document.baseURI).href));
    return (await hit("config.json")) && (await hit("catalog.json")) && (await hit("map/counties.json"));
  }), "the first visit's data in the worker's cache");
  await ctx.setOffline(true);
  await server.close();
  closed = true;
  await page.reload();
  await appReady(page);
  await page.waitForSelector("path.county");
  for (const [route, selector] of [["", "section.programme"], ["tak", ".card"], ["tak/tak-1", ".department h1"], ["tak/tak-1/signup", "form.signup"],
    ["services", ".card"], ["services/svc-3", ".service h1"], ["map", "path.county"], ["my", "main h1"]]) {
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForSelector(selector);
  }
  await ctx.close();
});

test("after an offline first visit, one retry online brings back the list and the map", async (t) => {
  const port = await freePort();
  let server = await serveDist({ port });
  t.after(() => server.close());
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  // The connection drops before the data comes: the data requests fail.
  await page.route(/catalog\.json|counties\.json/, (route) => route.abort("internetdisconnected"));
  await page.reload();
  await appReady(page);
  await page.waitForSelector(".load-error button");
  await page.unroute(/catalog\.json|counties\.json/);
  await page.click(".load-error button");
  await page.waitForSelector("path.county", { timeout: 20000 });
  await ctx.close();
});

test("a first visit by a poster's link: the page first, then the offline copy, and the next visit works offline", async (t) => {
  // Every request the server answers, with when it came (the page's clock is this machine's too).
  const seen = [];
  const server = await serveDist({ asHost: true, override(req, res, url) { seen.push({ at: Date.now(), path: url.pathname }); return false; } });
  let closed = false;
  t.after(() => closed || server.close());
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  await ctx.addInitScript(() => {
    new MutationObserver((_, mo) => {
      if (!document.getElementById("shell") && document.querySelector("article.department h1")) {
        window.__contentAt = Date.now();
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1");
  await page.waitForFunction(() => window.__contentAt);
  const contentAt = await page.evaluate(() => window.__contentAt);
  // The map's module is not needed here: only the service worker's offline copy fetches it, and
  // only once the department is on screen.
  await until(() => seen.some((r) => /\/split_map[^/]*\.wasm$/.test(r.path)), "the offline copy to fetch the map's module");
  const early = seen.filter((r) => r.at < contentAt).map((r) => r.path);
  assert.deepEqual(early.filter((p) => /split_(map|more)/.test(p)), [], "nothing for other pages before the department is drawn");
  assert.ok(early.some((p) => /split_lists/.test(p)), "the department's own module comes first");
  await until(() => page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker to take control");
  await until(() => page.evaluate(async () => (await caches.keys()).some((n) => n.startsWith("shell-")) &&
    (await (await caches.open((await caches.keys()).find((n) => n.startsWith("shell-")))).keys()).some((r) => /split_map/.test(r.url))), "the offline copy");

  // The next visit, with no network at all, opens another page the first never did.
  await ctx.setOffline(true);
  await server.close();
  closed = true;
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  await ctx.close();
});
