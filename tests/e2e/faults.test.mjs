// Issue 9: a catalog served broken in every way gives a translated message with a retry (or the
// saved copy with a notice), never a blank page and never an uncaught error or panic.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phone, openPage, appReady, DIST, withConfig } from "./harness.mjs";
import { startFaultServer } from "./servers.mjs";

let browser, server;
before(async () => { browser = await launch(); server = await startFaultServer({ root: DIST, slowMs: 5000 }); });
after(async () => { await browser?.close(); await server?.close(); });

const EXPECT = {
  malformed: /خراب یا ناقص/, truncated: /خراب یا ناقص/, empty: /خراب یا ناقص/, "html-200": /خراب یا ناقص/,
  "404": /خطای ۴۰۴/, "500": /خطای ۵۰۰/, slow: /دیر پاسخ داد/, huge: /بیش از اندازه بزرگ/,
};
// Console noise the browser itself logs for failed requests; the app adds nothing else.
const BROWSER_NOISE = ["Failed to load resource", "net::ERR"];

for (const [mode, message] of Object.entries(EXPECT)) {
  test(`catalog "${mode}": a translated message and a retry, no blank page, no panic`, async () => {
    server.setMode(mode);
    const ctx = await phone(browser);
    const page = await openPage(ctx);
    await withConfig(page, { catalog_timeout_ms: 1500 });
    await page.goto(server.url + "tak");
    await appReady(page);
    await page.waitForSelector(".load-error", { timeout: 15000 });
    assert.match(await page.textContent(".load-error"), message);
    assert.equal((await page.textContent(".load-error button")).trim(), "تلاش دوباره");
    assert.ok((await page.textContent("header")).includes("تاک"), "the shell stays");
    const errors = page.errors.filter((e) => !BROWSER_NOISE.some((n) => e.includes(n)));
    assert.deepEqual(errors, [], "no uncaught error or panic");
    server.setMode("ok");
    await page.click(".load-error button");
    await page.waitForSelector(".card");
    await ctx.close();
  });
}

test("wrong types: bad entries are left out and counted, the page still renders", async () => {
  server.setMode("wrong-types");
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "about");
  await appReady(page);
  await page.waitForSelector(".skipped");
  assert.match(await page.textContent(".skipped"), /^[۱-۹][۰-۹]* مورد به دلیل خطا نمایش داده نمی‌شود/);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.waitForSelector(".empty");
  // Every entry was broken: the list says the data has errors, not "nothing matches this search".
  assert.match(await page.textContent(".list-empty"), /داده‌های منتشرشده خطا دارند/);
  assert.doesNotMatch(await page.textContent("main"), /با این جست‌وجو/);
  assert.deepEqual(page.errors, []);
  server.setMode("ok");
  await ctx.close();
});

test("with a saved copy, a broken catalog shows the saved data and says so", async () => {
  server.setMode("ok");
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  const page = await openPage(ctx);
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.reload();
  await appReady(page);
  await page.waitForSelector(".card");
  await page.waitForFunction(async () => !!(await caches.match(new URL("catalog.json", document.baseURI).href)));
  for (const mode of ["500", "malformed", "html-200"]) {
    server.setMode(mode);
    await page.reload();
    await appReady(page);
    await page.waitForSelector(".card");
    assert.match(await page.textContent("main"), /آخرین داده‌های ذخیره‌شده/, mode);
  }
  server.setMode("ok");
  await ctx.close();
});

test("a broken or missing config.json falls back to the defaults", async () => {
  server.setMode("ok");
  for (const body of ["{not json", "", "<html>oops</html>"]) {
    const ctx = await phone(browser);
    const page = await openPage(ctx);
    await page.route("**/config.json", (r) => r.fulfill({ status: body ? 200 : 500, contentType: "application/json", body }));
    await page.goto(server.url + "tak");
    await appReady(page);
    await page.waitForSelector(".card");
    assert.deepEqual(page.errors.filter((e) => !BROWSER_NOISE.some((n) => e.includes(n))), []);
    await ctx.close();
  }
});

// Issue 8: pages and the catalog reader are wasm modules fetched on first use. One that cannot be
// fetched (connection lost between the first paint and opening a page) gives a translated
// message and a retry that recovers, never an aborted app.
test("a page module or the catalog reader that cannot be fetched: a message and a retry that recovers", async () => {
  server.setMode("ok");
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  let refuse = true;
  await page.route(/\/split_lists-[0-9a-f]+\.wasm$/, (route) => (refuse ? route.abort() : route.continue()));
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".load-error", { timeout: 15000 });
  assert.match(await page.textContent(".load-error"), /شبکه|بارگیری نشد/);
  assert.ok((await page.textContent("header")).includes("تاک"), "the shell stays");
  // The module loader logs the failed fetch itself (console.error), made by the loader or by the
  // page's preloader (`takTake`, inline in the page); anything else is a bug.
  const logged = (e) => e.startsWith("TypeError: Failed to fetch") && (e.includes("/wasm_split-") || /\/tak:\d+:\d+/.test(e));
  const errors = page.errors.filter((e) => !BROWSER_NOISE.some((n) => e.includes(n)) && !logged(e));
  assert.deepEqual(errors, [], "no uncaught error or panic");
  refuse = false;
  await page.click(".load-error button");
  // The lists module (the TAK page and the catalog reader) arrives on retry (one retry may be needed for each split point).
  for (let i = 0; i < 2 && !(await page.locator(".card").count()); i++) {
    const retry = page.locator(".load-error button");
    if (await retry.count()) await retry.click();
    await page.waitForSelector(".card, .load-error", { timeout: 15000 });
  }
  await page.waitForSelector(".card", { timeout: 15000 });
  // Navigation still works after the failure: another page module loads.
  await page.click('nav a[href$="map"]');
  await page.waitForSelector("path.county");
  await ctx.close();
});
