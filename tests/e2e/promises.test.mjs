// Issue 18: every promise the app makes holds, as residents, volunteers and a library desk meet
// it: a sign-up never goes nowhere, closed means closed, one visit is enough offline, nothing
// personal is left at a desk, near me means nearest first, and words read right in each language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, phone, openPage, serveDist, appReady, withConfig, startReceiver, appErrors, until, DIST } from "./harness.mjs";

let browser, server, receiver;
before(async () => { browser = await launch(); server = await serveDist(); receiver = await startReceiver(); });
after(async () => { await browser?.close(); await server?.close(); await receiver?.close(); });

const SAMPLE = JSON.parse(fs.readFileSync(path.join(DIST, "catalog.json"), "utf8"));

/** Today in Iran, as the catalog writes dates. */
function iranDate(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tehran" }).format(d);
}

/** Serves the sample catalog changed by `change` (a function of a deep copy). */
async function withCatalog(page, change) {
  const catalog = structuredClone(SAMPLE);
  change(catalog);
  await page.route("**/catalog.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(catalog) }));
}

async function inLanguage(ctx, lang) {
  await ctx.addInitScript((l) => localStorage.setItem("tak.lang", l), lang);
}

async function fillForm(page, { name = "زهرا موسوی", mobile = "۰۹۱۶ ۱۲۳ ۴۵۶۷" } = {}) {
  await page.fill("#signup-name", name);
  await page.fill("#signup-mobile", mobile);
  await page.selectOption("#signup-age", "adults");
  await page.check("#signup-consent");
}

const outbox = (page) => page.evaluate(() => localStorage.getItem("tak.outbox") || "");

/** Opens tak-2's form with this config and signs up; resolves on the "done" panel. */
async function signUp(page, config, form = {}) {
  await withConfig(page, config);
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  await fillForm(page, form);
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
}

test("without a sign-up server the app says so, leads to SMS, and forgets the details once the SMS went", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await signUp(page, { signup_url: "", sms_number: "" });
  const done = await page.textContent("#signup-done");
  assert.match(done, /فقط روی این گوشی ذخیره شده است/);
  assert.doesNotMatch(done, /با برقراری اتصال فرستاده می‌شود/, "no promise that it will be sent");
  // The SMS link goes to the department's coordinator, in the spelling Android and iOS both read.
  const sms = page.locator("#signup-done a[href^='sms:']");
  const href = await sms.getAttribute("href");
  assert.match(href, /^sms:09167834042\?&body=TAK/);
  assert.match(decodeURIComponent(href), /\+989161234567/);
  assert.match(await sms.getAttribute("class"), /btn-primary/, "SMS is the way, so it is the main button");
  await sms.evaluate((a) => a.addEventListener("click", (e) => e.preventDefault()));
  await sms.click();
  await page.click("#signup-done button.sms-sent");
  await until(async () => (await page.textContent("#signup-done")).includes("با پیامک فرستاده شد"), "the SMS state");
  const stored = await outbox(page);
  assert.ok(stored.includes("SentBySms") || stored.includes("sent_by_sms"), stored);
  assert.ok(!stored.includes("+989161234567") && !stored.includes("زهرا"), "the details left the phone: " + stored);
  // Withdrawing later is an SMS to the same coordinator, with the reference only.
  await page.click('.bottom-nav a[href$="/my"]');
  await page.waitForSelector(".signup-row");
  const withdraw = await page.locator(".signup-row a.btn-danger").getAttribute("href");
  assert.match(withdraw, /^sms:09167834042\?&body=/);
  assert.match(decodeURIComponent(withdraw), /withdraw/);
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});

test("a sign-up made before the phone's earlier sign-ups are read back is kept with them", async () => {
  // The outbox's reader is in a wasm module the form is not (`more`): while it cannot be had, a new sign-up is
  // still written to the device, after the ones already there.
  const ctx = await phone(browser);
  const first = await openPage(ctx);
  await signUp(first, { signup_url: "", sms_number: "" });
  await first.close();
  const page = await openPage(ctx);
  let refused = 0;
  await page.route(/\/split_more-[0-9a-f]+\.wasm$/, (route) => { refused += 1; return route.abort(); });
  await signUp(page, { signup_url: "", sms_number: "" }, { name: "مریم کعبی", mobile: "09161112233" });
  assert.ok(refused > 0, "the outbox's reader was asked for, and could not be had");
  const stored = await outbox(page);
  assert.ok(stored.includes("زهرا موسوی") && stored.includes("مریم کعبی"), "both on the device: " + stored);
  await page.unroute(/\/split_more-[0-9a-f]+\.wasm$/);
  await page.goto(server.url + "my");
  await appReady(page);
  await until(async () => (await page.locator(".signup-row").count()) === 2, "both sign-ups listed");
  await ctx.close();
});

test("'my sign-ups' offers SMS for a sign-up that has no server to go to", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await signUp(page, { signup_url: "", sms_number: "+98 61 3333 4444" });
  await page.click('.bottom-nav a[href$="/my"]');
  await page.waitForSelector(".signup-row");
  assert.match(await page.textContent(".signup-row"), /فقط روی این گوشی ذخیره شده است/);
  assert.equal(await page.locator(".signup-row a[href^='sms:']:not(.btn-danger)").count(), 1);
  await ctx.close();
});

test("opening the messaging app does not cancel delivery over the network", async () => {
  await receiver.reset("down");
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await signUp(page, { signup_url: receiver.url, signup_timeout_ms: 1500 }, { mobile: "+98 0916 765 4321" });
  const sms = page.locator("#signup-done a[href^='sms:']");
  await sms.evaluate((a) => a.addEventListener("click", (e) => e.preventDefault()));
  await sms.click();
  assert.match(await page.textContent("#signup-done"), /ثبت‌نام از راه اینترنت هم فرستاده می‌شود/);
  receiver.setMode("ok");
  await until(() => receiver.received().length === 1, "the network copy to arrive", 30000);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(receiver.received().length, 1, "exactly once");
  assert.equal(receiver.received()[0].mobile, "+989167654321", "the trunk zero after +98 is read");
  await ctx.close();
  receiver.setMode("ok");
});

test("the same mobile signing up twice for one department is warned, not refused", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await withConfig(page, { signup_url: "" });
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  await fillForm(page);
  assert.equal(await page.locator(".duplicate-warning").count(), 0);
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
  await page.click("text=ثبت‌نام تازه");
  await page.waitForSelector("form.signup");
  await page.fill("#signup-mobile", "09161234567");
  await page.waitForSelector(".duplicate-warning");
  await fillForm(page, { mobile: "09161234567" });
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
  await ctx.close();
});

test("a temporarily closed service is closed everywhere, and a dated closure shows its days and reason", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await withCatalog(page, (c) => {
    c.services.find((s) => s.id === "svc-1").status = "temporarily closed";
    // Every place of svc-1 open all day, every day: only its status can close it.
    for (const sal of c.service_at_locations.filter((x) => x.service_id === "svc-1")) {
      sal.schedules = [{ freq: "WEEKLY", opens_at: "00:00", closes_at: "24:00" }];
    }
    const sal = c.service_at_locations.find((x) => x.service_id === "svc-2");
    sal.schedules = [
      { freq: "WEEKLY", opens_at: "00:00", closes_at: "24:00" },
      { valid_from: iranDate(0), valid_to: iranDate(1), x_closed: true, description: "تعطیل برای تعمیرات" },
    ];
  });
  await page.goto(server.url + "services?q=" + encodeURIComponent("عضویت رایگان کتابخانه در اهواز"));
  await appReady(page);
  await page.waitForSelector(".card");
  const card = page.locator(".card", { has: page.locator('a[href$="/services/svc-1"]') });
  const text = await card.textContent();
  assert.match(text, /موقتاً تعطیل/);
  assert.doesNotMatch(text, /باز است/);
  await page.goto(server.url + "services?open=1");
  await appReady(page);
  await page.waitForSelector(".result-count");
  assert.equal(await page.locator('.card a[href$="/services/svc-1"]').count(), 0, "not counted in open now");
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await page.waitForSelector(".service h1");
  const places = await page.locator(".place .open-state").allTextContents();
  assert.ok(places.length > 0 && places.every((p) => !p.includes("باز است")), places.join(" | "));
  await page.goto(server.url + "services/svc-2");
  await appReady(page);
  await page.waitForSelector(".place table.hours");
  const rows = await page.locator(".place table.hours tr").allTextContents();
  assert.equal(rows.length, 7);
  assert.match(rows[0], /بسته/);
  assert.match(rows[0], /تعطیل برای تعمیرات/);
  assert.match(rows[1], /تعطیل برای تعمیرات/);
  assert.doesNotMatch(rows[2], /بسته|تعمیرات/);
  assert.doesNotMatch(await page.textContent(".place .open-state"), /باز است/);
  await ctx.close();
});

test("at a library desk, 'my sign-ups' shows no one's details, and the desk says it is on", async () => {
  const ctx = await phone(browser);
  await ctx.addInitScript(() => localStorage.setItem("tak.settings", JSON.stringify({ staff_mode: true })));
  const page = await openPage(ctx);
  await withConfig(page, { signup_url: receiver.url });
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  // "My sign-ups" once online, so its page module is loaded before the network goes; then back
  // to the form, within the app.
  await page.click('.bottom-nav a[href$="/my"]');
  await page.waitForSelector("main .empty");
  await page.goBack();
  await page.waitForSelector("form.signup");
  assert.match(await page.textContent(".app-header"), /حالت میز/);
  const hint = await page.textContent("main .hint");
  assert.match(hint, /حالت میز روشن است/);
  assert.doesNotMatch(hint, /در دسترس نیست/, "storage works: the hint must not say it does not");
  await ctx.setOffline(true);
  await fillForm(page, { name: "داوطلب پیشین" });
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
  await page.click('.bottom-nav a[href$="/my"]');
  await page.waitForSelector(".signup-row");
  assert.match(await page.textContent(".signup-row"), /نام‌ها و شماره‌ها پنهان‌اند/);
  const row = await page.textContent("main");
  assert.doesNotMatch(row, /داوطلب پیشین|\+98916|۰۹۱۶/);
  assert.equal(await page.locator(".signup-row a[href^='sms:']:not(.btn-danger)").count(), 0, "no SMS text carrying the details");
  await ctx.close();
});

test("counts take each language's plural forms, Arabic dates name the Solar Hijri months right, and lists use the language's comma", async () => {
  const places = { "tak-1": 1, "tak-2": 2, "tak-3": 3, "tak-5": 11, "tak-6": 100 };
  const change = (c) => {
    for (const d of c.x_tak_departments) if (d.id in places) d.places_available = places[d.id];
    c.services.find((s) => s.id === "svc-1").assured_date = "2026-09-01";
  };
  const ar = await phone(browser, { locale: "ar-IQ" });
  await inLanguage(ar, "ar");
  const page = await openPage(ar);
  await withCatalog(page, change);
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".card");
  const badge = async (id) => (await page.locator(".card", { has: page.locator(`a[href$="/tak/${id}"]`) }).locator(".badge-ok").textContent()).trim();
  assert.equal(await badge("tak-1"), "مكان واحد شاغر");
  assert.equal(await badge("tak-2"), "مكانان شاغران");
  assert.equal(await badge("tak-3"), "٣ أماكن شاغرة");
  assert.equal(await badge("tak-5"), "١١ مكانًا شاغرًا");
  assert.equal(await badge("tak-6"), "١٠٠ مكان شاغر");
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await page.waitForSelector(".service h1");
  const verified = await page.locator(".service p.meta").last().textContent();
  assert.match(verified, /١٠ شهريور ١٤٠٥/);
  assert.doesNotMatch(await page.textContent("main"), /شهرفار|فرفردن|أذربيهشت|اسفندار/);
  await ar.close();

  const en = await phone(browser, { locale: "en-GB" });
  await inLanguage(en, "en");
  const p2 = await openPage(en);
  await withCatalog(p2, change);
  await p2.goto(server.url + "tak");
  await appReady(p2);
  await p2.waitForSelector(".card");
  const enBadge = (await p2.locator(".card", { has: p2.locator('a[href$="/tak/tak-1"]') }).locator(".badge-ok").textContent()).trim();
  assert.equal(enBadge, "1 place left");
  await p2.goto(server.url + "services");
  await appReady(p2);
  await p2.waitForSelector(".card");
  assert.ok(!(await p2.textContent("main")).includes("،"), "English lists use the English comma");
  await en.close();

  const fa = await phone(browser);
  const p3 = await openPage(fa);
  await p3.goto(server.url + "tak");
  await appReady(p3);
  await p3.waitForSelector(".card");
  assert.ok(!(await p3.locator(".card").first().textContent()).includes("·"), "no middle dot beside Persian digits");
  await fa.close();
});

test("near me puts the nearest first on both lists, unless the reader chose the name order", async () => {
  const DEZFUL = { latitude: 32.38, longitude: 48.40 };
  const ctx = await phone(browser, { geolocation: DEZFUL, permissions: ["geolocation"] });
  const page = await openPage(ctx);
  const km = (t) => Number(t.replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace("٫", ".").replace(/[^0-9.]/g, ""));
  for (const route of ["services", "tak"]) {
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForSelector(".card");
    await page.click(".near-me button");
    await page.waitForSelector(".card .distance");
    const distances = (await page.locator(".card .distance").allTextContents()).map(km);
    assert.ok(distances.length > 3, route);
    for (let i = 1; i < distances.length; i++) assert.ok(distances[i - 1] <= distances[i], `${route}: ${distances.join(", ")}`);
    // Choosing the name order is kept, and keeps the distances shown.
    await page.selectOption(route === "tak" ? "#tak-sort" : "#svc-sort", "name");
    await page.waitForURL(/sort=name/);
    await until(async () => {
      const d = (await page.locator(".card .distance").allTextContents()).map(km);
      return d.some((x, i) => i > 0 && d[i - 1] > x);
    }, `${route} in name order`);
  }
  await ctx.close();
});

test("search finds text pasted from a PDF (presentation forms) and a query written with a joiner", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".card");
  const all = await page.locator(".card").count();
  const names = () => page.locator(".card h2").allTextContents();
  await page.fill("#tak-q", "کتاب");
  await until(async () => { const n = await page.locator(".card").count(); return n > 0 && n < all; }, "the typed query to narrow the list");
  const typed = await names();
  // «کتاب» as a PDF's text layer carries it: shaped forms of keheh, teh, alef and beh.
  await page.fill("#tak-q", "");
  await until(async () => (await page.locator(".card").count()) === all, "the whole list again");
  await page.fill("#tak-q", "\uFB90\uFE98\uFE8E\uFE8F");
  await until(async () => (await page.locator(".card").count()) < all, "the PDF-form query to narrow the list");
  assert.deepEqual(await names(), typed);
  // A joiner typed in the query finds the words written apart as well as joined.
  await page.fill("#tak-q", "نقد\u200cادبی");
  await until(async () => (await page.locator(".card").count()) < all, "the joined query to narrow the list");
  const joined = await names();
  assert.ok(joined.length > 0 && joined.every((n) => n.includes("نقد ادبی")), joined.join(" | "));
  await ctx.close();
});

test("the filter fold shows whether it is open and stays open when a filter goes back to 'any'", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".card");
  await page.click(".filter-more summary");
  await page.waitForSelector("#tak-field");
  const marker = () => page.locator(".filter-more .fold-marker").evaluate((e) => getComputedStyle(e, "::before").content);
  assert.equal(await marker(), '"−"');
  await page.selectOption("#tak-field", "social");
  await page.waitForURL(/field=social/);
  await page.selectOption("#tak-field", "");
  await page.waitForURL((u) => !u.search.includes("field"));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.locator(".filter-more").evaluate((d) => d.open), true);
  await page.click(".filter-more summary");
  assert.equal(await marker(), '"+"');
  await ctx.close();
});

test("a department's sign-up button stays in reach while its page is read", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1");
  await appReady(page);
  await page.waitForSelector(".department h1");
  const inView = async () => {
    const box = await page.locator(".signup-cta a").boundingBox();
    const nav = await page.locator(".bottom-nav").boundingBox();
    return box && box.y >= 0 && box.y + box.height <= nav.y + 1;
  };
  assert.ok(await inView(), "on arrival");
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(200);
  assert.ok(await inView(), "half way down");
  await ctx.close();
});

test("services not yet in a county are marked as coming soon in the list", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "services");
  await appReady(page);
  await page.waitForSelector(".card");
  const card = page.locator(".card", { has: page.locator('a[href$="/services/svc-41"]') });
  for (let i = 0; i < 10 && (await card.count()) === 0; i++) await page.click("text=نمایش بیشتر");
  assert.match(await card.locator(".badge-coming").textContent(), /به‌زودی/);
  await ctx.close();
});

test("the printed poster says when, where and whom to call, and its address breaks only between parts", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1");
  await appReady(page);
  await page.waitForSelector(".department h1");
  await page.emulateMedia({ media: "print" });
  const poster = page.locator(".poster");
  assert.ok(await poster.isVisible());
  const text = await poster.textContent();
  assert.match(text, /جلسهٔ بعد|جلسه/);
  assert.ok(await page.locator(".poster .poster-where").count() === 1, "the venue");
  assert.match(await page.textContent(".poster .poster-contact"), /[۰-۹]{11}/);
  assert.ok((await page.locator(".poster .poster-link wbr").count()) >= 3);
  assert.equal(await page.locator(".poster .poster-link").evaluate((e) => getComputedStyle(e).wordBreak), "keep-all");
  await ctx.close();
});

test("low-data mode keeps only the pages opened, and says so on the About page", async () => {
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  await ctx.addInitScript(() => localStorage.setItem("tak.settings", JSON.stringify({ low_data: true })));
  const page = await openPage(ctx);
  await page.goto(server.url + "about");
  await appReady(page);
  await page.waitForSelector("#setting-low-data");
  assert.equal(await page.isChecked("#setting-low-data"), true);
  assert.match(await page.textContent("main"), /فقط صفحه‌هایی که باز می‌کنید/);
  await until(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.active), "the lite worker");
  assert.match(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL), /sw\.js\?lite$/);
  const modules = await page.evaluate(async () => {
    const keys = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) keys.push(r.url);
    return keys.filter((u) => /\/(split|chunk)_/.test(u)).length;
  });
  const all = fs.readdirSync(DIST).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f)).length;
  assert.ok(modules < all / 2, `${modules} of ${all} page modules kept`);
  assert.ok(!page.requests.some((u) => u.endsWith("map/counties.json")), "no map geometry until the map opens");
  await ctx.close();
});
