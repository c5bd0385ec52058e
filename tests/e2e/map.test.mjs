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
