// Issue 5: residents find Welfare Card services in a list (filters, open now at fixed times,
// distance), on a service page, and near them (mocked positions inside Ahvaz and outside Khuzestan).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phone, openPage, serveDist, appReady, appErrors, until } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

const AHVAZ = { latitude: 31.3190, longitude: 48.6842 };
const TEHRAN = { latitude: 35.6997, longitude: 51.3380 };


/** A page whose clock is fixed at an Iran-time moment (UTC+03:30). */
async function at(ctx, isoUtc, path) {
  const page = await openPage(ctx);
  await page.clock.install({ time: new Date(isoUtc) });
  await page.goto(server.url + path);
  await appReady(page);
  return page;
}

test("the list filters by benefit, county and pilot, in the URL", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.waitForSelector(".card");
  assert.match(await page.textContent(".result-count"), /۴۴ نتیجه/);
  await page.goto(server.url + "services?free=1");
  await appReady(page);
  await page.waitForSelector(".card");
  const benefits = await page.locator(".card .badge-ok").allTextContents();
  assert.equal(benefits.length, await page.locator(".card").count());
  assert.ok(benefits.every((b) => b === "رایگان با رفاه‌کارت"));
  await page.selectOption("#svc-county", "bavi");
  await page.waitForURL(/county=bavi/);
  const meta = await page.locator(".card").allTextContents();
  assert.ok(meta.length > 0 && meta.every((m) => m.includes("باوی")), "every card is in Bavi");
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});

test("open now follows Iran time: Friday morning, midday break, Thursday night", async () => {
  const ctx = await phone(browser);
  // Friday 27 Nov 2026, 10:00 in Tehran = 06:30 UTC: only places with Friday hours are open.
  let page = await at(ctx, "2026-11-27T06:30:00Z", "services?open=1");
  await page.waitForSelector(".card");
  const states = await page.locator(".card .open-state").allTextContents();
  assert.ok(states.length > 0 && states.every((s) => s.startsWith("باز است")), states.join(" | "));
  // Thursday 26 Nov, 23:00 in Tehran: nothing is open, and the list says so.
  page = await at(ctx, "2026-11-26T19:30:00Z", "services?open=1");
  await page.waitForSelector(".empty");
  page = await at(ctx, "2026-11-26T19:30:00Z", "services");
  await page.waitForSelector(".card");
  const closed = await page.locator(".card .open-state").allTextContents();
  assert.ok(closed.every((s) => s.startsWith("بسته")), closed.join(" | "));
  assert.ok(closed.some((s) => /شنبه|جمعه/.test(s)), "next opening is named by day");
  // In English the same moment reads "Closed, opens …".
  page = await at(ctx, "2026-11-26T19:30:00Z", "services?lang=en");
  await page.waitForSelector(".card");
  assert.match((await page.locator(".card .open-state").first().textContent()), /^Closed, opens (Friday|Saturday) \d\d:\d\d$/);
  await ctx.close();
});

test("service page: eligibility, documents, hours, contact buttons, notice and date", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "services/svc-6");
  await appReady(page);
  await page.waitForSelector(".service h1");
  const text = await page.textContent(".service");
  for (const heading of ["چه کسانی می‌توانند استفاده کنند", "چگونه استفاده کنیم", "مدارک لازم", "هزینه", "زبان‌ها", "محل‌ها و ساعت کار"]) {
    assert.ok(text.includes(heading), heading);
  }
  assert.ok(await page.locator(".alert-banner").count() >= 1, "the catalog's alert is a banner");
  assert.match(text, /آخرین بررسی: .*۱۴۰۵/, "verified date in the Solar Hijri calendar");
  assert.match(await page.getAttribute('.place a[href^="tel:"]', "href"), /^tel:061\d{8}$/);
  assert.match(await page.getAttribute('.place a[href^="geo:"]', "href"), /^geo:/);
  assert.match(await page.getAttribute('.place a[href*="openstreetmap.org"]', "href"), /mlat=3\d\.\d+&mlon=4\d\.\d+/);
  await page.goto(server.url + "services/svc-12");
  await appReady(page);
  await page.waitForSelector(".service h1");
  assert.match(await page.textContent(".service"), /موقتاً تعطیل/);
  await ctx.close();
});

test("near me inside Ahvaz: the county, distances, and sort by distance", async () => {
  const ctx = await phone(browser, { geolocation: AHVAZ, permissions: ["geolocation"] });
  const page = await openPage(ctx);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.click(".near-me button");
  await until(async () => (await page.textContent(".near-me-status")).includes("شما در شهرستان اهواز هستید"), "you are in Ahvaz");
  await page.selectOption("#svc-sort", "distance");
  await page.waitForURL(/sort=distance/);
  await until(async () => (await page.locator(".card").first().textContent()).includes("کیلومتر"), "distances");
  // Each card's own distance line: the card's whole text would run an opening time ("۱۶:۳۰")
  // into the distance after it.
  const distances = async () => (await page.$$eval(".card", (cards) => cards.map((c) => c.querySelector(".distance")?.textContent ?? "")))
    .map((t) => {
      const m = t.match(/([۰-۹٫]+) کیلومتر/);
      return m ? Number(m[1].replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace("٫", ".")) : Infinity;
    });
  // The rows show distances in name order until the new order is drawn.
  const inOrder = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
  await until(async () => inOrder(await distances()), "nearest first");
  const km = await distances();
  assert.deepEqual(km, [...km].sort((a, b) => a - b), "nearest first");
  assert.ok(km[0] < 15, `the nearest is in Ahvaz (${km[0]} km)`);
  await ctx.close();
});

test("near me outside Khuzestan, and when permission is refused", async () => {
  let ctx = await phone(browser, { geolocation: TEHRAN, permissions: ["geolocation"] });
  let page = await openPage(ctx);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.click(".near-me button");
  await until(async () => (await page.textContent(".near-me-status")).includes("بیرون از خوزستان"), "outside message");
  await ctx.close();
  ctx = await phone(browser, { permissions: [] });
  page = await openPage(ctx);
  await page.goto(server.url + "services?lang=en");
  await appReady(page);
  await page.click(".near-me button");
  await until(async () => /denied|could not be found/.test(await page.textContent(".near-me-status")), "denied message");
  await ctx.close();
});

// Issue 8: the catalog keeps its longer texts only in the reader's language (names in all three,
// for search), so a change of language reads it again; the page follows without a reload.
test("changing language reads the catalog again: a service's description follows", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await until(async () => (await page.textContent("main")).includes("عضویت رایگان کتابخانه برای دارندگان رفاه‌کارت"), "Persian description");
  await page.selectOption(".lang-switch select", "en");
  await until(async () => (await page.textContent("main")).includes("Free library membership for Welfare Card holders"), "English description");
  await page.selectOption(".lang-switch select", "ar");
  await until(async () => (await page.textContent("main")).includes("عضوية مجانية في المكتبة لحاملي بطاقة الرفاه"), "Arabic description");
  // Search still finds a service by a name in another language than the reader's.
  await page.goto(server.url + "services?q=" + encodeURIComponent("Free library membership"));
  await appReady(page);
  await page.waitForSelector(".card");
  assert.ok((await page.locator(".card").count()) >= 1);
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});
