// Issue 5: the SVG map of the 30 counties: credit visible, county tap opens its phase and services,
// marker tap opens the services there, zoom buttons and reset, keyboard access, and the list view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phone, openPage, serveDist, appReady, appErrors } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

test("30 counties coloured by phase, with the ODbL/GeoNames credit on the map", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  assert.equal(await page.locator("path.county").count(), 30);
  assert.equal(await page.locator("path.county.phase-pilot").count(), 4);
  assert.match(await page.textContent(".map-credit"), /OpenStreetMap contributors \(ODbL/);
  assert.match(await page.textContent(".map-credit"), /GeoNames/);
  assert.ok(await page.isVisible(".map-credit"));
  assert.ok((await page.locator("circle.marker").count()) > 0);
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});

test("tapping a county opens its panel, and its services are one tap away", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  await page.locator('path.county[aria-label="باوی"]').dispatchEvent("click");
  await page.waitForSelector(".panel");
  const panel = await page.textContent(".panel");
  assert.match(panel, /باوی/);
  assert.match(panel, /آزمایشی/);
  assert.match(panel, /[۰-۹]+ خدمت در این شهرستان/);
  await page.click(".panel a.btn-primary");
  await page.waitForURL(/services\?county=bavi/);
  await page.waitForSelector(".card");
  await ctx.close();
});

test("a marker opens the services at that place", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("circle.marker");
  await page.locator("circle.marker").first().dispatchEvent("click");
  await page.waitForSelector(".panel li a");
  const href = await page.getAttribute(".panel li a", "href");
  assert.match(href, /\/services\/svc-\d+$/);
  await ctx.close();
});

test("zoom buttons, reset, and keyboard focus through counties", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  const vb = () => page.getAttribute(".map-wrap svg", "viewBox");
  const start = await vb();
  await page.click('button[aria-label="بزرگ‌نمایی"]');
  const zoomed = await vb();
  assert.notEqual(zoomed, start);
  assert.ok(Number(zoomed.split(" ")[2]) < Number(start.split(" ")[2]), "a narrower view is a zoom in");
  await page.click('button[aria-label="نمای کامل"]');
  assert.equal(await vb(), start);
  await page.locator("path.county").first().focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".panel h2");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("class")), "county phase-planned", "Tab moves to the next county");
  await ctx.close();
});

test("double tap zooms in on the map", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  const before = await page.getAttribute(".map-wrap svg", "viewBox");
  await page.dblclick(".map-wrap svg", { position: { x: 150, y: 150 } });
  const after = await page.getAttribute(".map-wrap svg", "viewBox");
  assert.ok(Number(after.split(" ")[2]) < Number(before.split(" ")[2]));
  await ctx.close();
});

test("two fingers pinch to zoom and one finger pans", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("path.county");
  const box = await page.locator(".map-wrap svg").boundingBox();
  const cdp = await ctx.newCDPSession(page);
  const touch = (type, points) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id })) });
  const vb = async () => (await page.getAttribute(".map-wrap svg", "viewBox")).split(" ").map(Number);
  const start = await vb();
  await touch("touchStart", [[120, 150], [180, 150]]);
  for (let d = 0; d <= 60; d += 10) await touch("touchMove", [[120 - d, 150], [180 + d, 150]]);
  await touch("touchEnd", []);
  const pinched = await vb();
  assert.ok(pinched[2] < start[2] * 0.8, `pinch out zooms in (${start[2]} → ${pinched[2]})`);
  await touch("touchStart", [[150, 150]]);
  for (let d = 0; d <= 50; d += 10) await touch("touchMove", [[150 + d, 150]]);
  await touch("touchEnd", []);
  const panned = await vb();
  assert.ok(panned[0] < pinched[0], "dragging right moves the view left");
  await ctx.close();
});

test("markers are finger-sized, counties are named, and the current phase is stated", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("circle.marker");
  const sizes = await page.locator(".marker-group").evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
  assert.ok(sizes.length > 0 && sizes.every((s) => s >= 44), `touch targets: ${sizes.join(", ")}`);
  // At first the four pilot counties are named; zoomed in, every county.
  const labels = async () => page.locator("text.county-label").allTextContents();
  const first = await labels();
  assert.equal(first.length, 4);
  for (const name of ["اهواز", "باوی", "حمیدیه", "کارون"]) assert.ok(first.includes(name), first.join(","));
  await page.click(".map-controls button >> nth=0");
  await page.click(".map-controls button >> nth=0");
  assert.equal((await labels()).length, 30);
  const sizesZoomed = await page.locator(".marker-group").evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect().width));
  assert.ok(sizesZoomed.every((s) => s >= 44), "still finger-sized when zoomed");
  assert.match(await page.textContent(".phase-now"), /^\s*اکنون: /);
  await ctx.close();
});

test("'show these as a list' opens the list of what is on the map, and a service opens the map at its places", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.waitForSelector(".card");
  const all = Number((await page.textContent(".result-count")).replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace(/\D/g, ""));
  await page.goto(server.url + "map");
  await appReady(page);
  await page.waitForSelector("circle.marker");
  for (let i = 0; i < 3; i++) await page.click(".map-controls button >> nth=0");
  const href = await page.getAttribute("a.map-list", "href");
  assert.match(href, /services\?in=/);
  await page.click("a.map-list");
  await page.waitForURL(/services\?in=/);
  await page.waitForSelector(".result-count");
  const inView = Number((await page.textContent(".result-count")).replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace(/\D/g, ""));
  assert.ok(inView > 0 && inView < all, `${inView} of ${all}`);
  // From a service to the map: only its places, and a marker there names it.
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await page.click("a.see-on-map");
  await page.waitForURL(/map\?service=svc-1/);
  await page.waitForSelector("circle.marker");
  await page.locator(".marker-group").first().dispatchEvent("click");
  await page.waitForSelector(".panel-list a");
  const links = await page.locator(".panel-list a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual([...new Set(links.map((h) => h.replace(/.*\/services\//, "")))], ["svc-1"]);
  // And from the list: the map shows what the list shows.
  await page.goto(server.url + "services?county=bavi");
  await appReady(page);
  await page.waitForSelector(".card");
  assert.match(await page.getAttribute("a.see-on-map", "href"), /map\?county=bavi/);
  await ctx.close();
});
