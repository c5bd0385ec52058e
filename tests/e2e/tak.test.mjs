// Issue 4: volunteers find a department (search that ignores letter variants, filters in the URL),
// open it, and sign up; every sign-up reaches the real sign-up server (server/, on SQLite)
// exactly once across offline, server errors, timeouts, double taps and reloads. Issue 19: live
// places, the waiting list decided by the server, and the state coming back to "my sign-ups".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, phone, openPage, serveDist, appReady, withConfig, startReceiver, appErrors, until, DIST } from "./harness.mjs";

/** The app's catalog without one department, or with `edit` applied to the departments. */
function catalogWith(edit) {
  const c = JSON.parse(fs.readFileSync(path.join(DIST, "catalog.json"), "utf8"));
  c.x_tak_departments = c.x_tak_departments.map((d) => edit(d)).filter(Boolean);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tak-catalog-")), "catalog.json");
  fs.writeFileSync(file, JSON.stringify(c));
  return file;
}
const catalogWithout = (id) => catalogWith((d) => (d.id === id ? null : d));

let browser, server, receiver;
before(async () => { browser = await launch(); server = await serveDist(); receiver = await startReceiver(); });
after(async () => { await browser?.close(); await server?.close(); await receiver?.close(); });


async function fillForm(page, { name = "زهرا موسوی", mobile = "۰۹۱۶ ۱۲۳ ۴۵۶۷", age = "adults" } = {}) {
  await page.fill("#signup-name", name);
  await page.fill("#signup-mobile", mobile);
  await page.selectOption("#signup-age", age);
  await page.check("#signup-consent");
}

async function signupPage(ctx, config = {}) {
  const page = await openPage(ctx);
  await withConfig(page, { signup_url: receiver.url, signup_timeout_ms: 1500, ...config });
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  return page;
}

/** A fresh, empty sign-up database behind the receiver, misbehaving as `mode` says. */
async function reset(mode = "ok", options = {}) {
  await receiver.reset(mode, options);
}

test("search ignores Arabic/Persian letter variants, digits and ZWNJ, and stays in the URL", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak");
  await appReady(page);
  await page.waitForSelector(".card");
  const all = await page.locator(".card").count();
  // Arabic kaf and yeh, no zero-width non-joiner: still finds «کتاب‌خوانی».
  await page.fill("#tak-q", "كتابخواني");
  await page.waitForURL(/q=/);
  await until(async () => (await page.locator(".card").count()) < all, "the list to narrow");
  const names = await page.locator(".card h2").allTextContents();
  assert.ok(names.length > 0 && names.every((n) => n.includes("کتاب‌خوانی")), names.join(" | "));
  // English names match too.
  await page.fill("#tak-q", "astronomy");
  await until(async () => (await page.locator(".card h2").allTextContents()).every((n) => n.includes("نجوم")), "astronomy");
  // The filtered list can be shared: the same URL opens the same list.
  const url = page.url();
  const other = await openPage(ctx);
  await other.goto(url);
  await appReady(other);
  await other.waitForSelector(".card");
  assert.deepEqual(await other.locator(".card h2").allTextContents(), await page.locator(".card h2").allTextContents());
  assert.equal(await other.inputValue("#tak-q"), "astronomy");
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});

test("filters narrow the list, show a count, an empty state, and live in the URL", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak?field=scientific&places=1");
  await appReady(page);
  await page.waitForSelector(".card");
  const badges = await page.locator(".card .badges .badge:first-child").allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => b === "علمی"), badges.join(","));
  assert.equal(await page.locator(".card .badge-full").count(), 0, "no full departments with 'has places'");
  assert.match(await page.textContent(".result-count"), /^[۰-۹]+ نتیجه$/);
  await page.selectOption("#tak-host", "public_library");
  await page.waitForURL(/host=public_library/);
  await page.fill("#tak-q", "چیزی که نیست");
  await page.waitForSelector(".empty");
  await page.click(".empty button");
  await page.waitForURL((u) => !u.search.includes("field"));
  assert.ok((await page.locator(".card").count()) >= 12);
  await ctx.close();
});

test("department page: sessions, venue, contact links, calendar file, waiting list when full", async () => {
  const ctx = await phone(browser, { acceptDownloads: true });
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1");
  await appReady(page);
  await page.waitForSelector(".department h1");
  assert.equal(await page.locator(".hours tr").count(), 7);
  const tel = await page.getAttribute('a[href^="tel:"]', "href");
  assert.match(tel, /^tel:0916\d{7}$/);
  assert.match(await page.getAttribute('a[href^="sms:"]', "href"), /^sms:0916/);
  assert.match(await page.getAttribute('a[href^="geo:"]', "href"), /^geo:3[01]\.\d+,4[89]\.\d+/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=افزودن جلسهٔ بعد به تقویم")]);
  const path = await download.path();
  const ics = (await import("node:fs")).readFileSync(path, "utf8");
  assert.match(ics, /BEGIN:VEVENT/);
  assert.match(ics, /DTSTART:\d{8}T\d{6}Z/);
  // tak-4 is full in the sample: the page offers the waiting list instead.
  await page.goto(server.url + "tak/tak-4");
  await appReady(page);
  await page.waitForSelector(".department h1");
  await page.click("text=ظرفیت پر است: پیوستن به فهرست انتظار");
  await page.waitForURL(/tak-4\/signup\?waiting=1/);
  assert.match(await page.textContent("h1"), /فهرست انتظار/);
  await ctx.close();
});

test("a sign-up with Persian digits arrives once, normalised, and shows as received", async () => {
  await reset("ok");
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  await fillForm(page);
  await page.click("button[type=submit]");
  await page.waitForSelector("#signup-done");
  assert.match(await page.textContent("#signup-done"), /کد پیگیری: [0-9A-F]{8}/);
  await until(() => receiver.received().length === 1, "one sign-up");
  const got = receiver.received()[0];
  assert.equal(got.mobile, "+989161234567");
  assert.equal(got.full_name, "زهرا موسوی");
  assert.equal(got.department_id, "tak-2");
  assert.equal(receiver.state.requests[0].key, got.id, "Idempotency-Key is the sign-up id");
  assert.equal(got.via, "network");
  await until(async () => (await page.textContent("#signup-done")).includes("فرستاده شد"), "received by the server");
  await page.click('.bottom-nav a[href$="/my"]');
  await page.waitForSelector(".signup-row");
  assert.match(await page.textContent(".signup-row"), /فرستاده شد/);
  assert.deepEqual(appErrors(page), []);
  await ctx.close();
});

test("offline: the sign-up waits on the phone and goes out once when the connection returns", async () => {
  await reset("ok");
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  await ctx.setOffline(true);
  await fillForm(page, { name: "علی کعبی", mobile: "+98 916 000 1111" });
  await page.click("button[type=submit]");
  await page.waitForSelector("#signup-done");
  await until(async () => (await page.textContent("#signup-done")).includes("روی این گوشی ذخیره شد"), "saved on this phone");
  assert.equal(receiver.received().length, 0);
  await ctx.setOffline(false);
  await until(() => receiver.received().length === 1, "delivery after reconnect");
  await until(async () => (await page.textContent("#signup-done")).includes("فرستاده شد"), "received");
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(receiver.received().length, 1);
  await ctx.close();
});

test("server errors and timeouts are retried with the same key; double taps send once", async () => {
  await reset("fail");
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  await fillForm(page, { name: "مریم نیسی", mobile: "09161112233" });
  await page.dblclick("button[type=submit]");
  await page.waitForSelector("#signup-done");
  await until(() => receiver.state.requests.length >= 1, "a first attempt");
  receiver.setMode("stall"); // the next try times out (1.5 s in this config)
  await until(() => receiver.state.requests.length >= 2, "a second attempt", 15000);
  receiver.setMode("ok");
  await until(() => receiver.received().length === 1, "delivery", 30000);
  const keys = new Set(receiver.state.requests.map((r) => r.key));
  assert.equal(keys.size, 1, "every attempt carried the same Idempotency-Key");
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("tak.outbox")).length), 1, "one entry despite the double tap");
  await ctx.close();
});

test("a reload in the middle of sending still ends with exactly one sign-up", async () => {
  await reset("stall");
  const ctx = await phone(browser);
  const page = await signupPage(ctx, { signup_timeout_ms: 10000 });
  await fillForm(page, { name: "حسین سواری", mobile: "09351234567" });
  await page.click("button[type=submit]");
  await until(() => receiver.state.requests.length === 1, "the stalled request");
  // The server stored it but its answer never came back; the reader reloads.
  await until(() => receiver.received().length === 1, "stored by the server");
  receiver.setMode("ok");
  await page.reload();
  await appReady(page);
  await until(() => receiver.state.requests.length >= 2, "the resend after reload");
  assert.equal(receiver.received().length, 1);
  await page.goto(server.url + "my");
  await appReady(page);
  await until(async () => ((await page.textContent("main")) || "").includes("فرستاده شد"), "received after reload");
  await ctx.close();
});

test("what is typed survives an error and a reload", async () => {
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  await page.fill("#signup-name", "فاطمه رحیمی");
  await page.fill("#signup-mobile", "۰۹۱۲");
  await page.click("button[type=submit]");
  await page.waitForSelector("#error-summary");
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary", "focus moves to the summary");
  assert.match(await page.textContent("#error-summary"), /شمارهٔ همراه باید/);
  await page.reload();
  await appReady(page);
  await page.waitForSelector("form.signup");
  assert.equal(await page.inputValue("#signup-name"), "فاطمه رحیمی");
  assert.equal(await page.inputValue("#signup-mobile"), "۰۹۱۲");
  await ctx.close();
});

test("without an endpoint, the sign-up can go by SMS with its reference", async () => {
  const ctx = await phone(browser);
  const page = await signupPage(ctx, { signup_url: "", sms_number: "30001234" });
  await fillForm(page);
  await page.click("button[type=submit]");
  await page.waitForSelector("#signup-done");
  const href = await page.getAttribute('#signup-done a[href^="sms:"]', "href");
  assert.match(href, /^sms:0916\d{7}\?&body=TAK%20/);
  assert.match(decodeURIComponent(href), /#[0-9A-F]{8}\n.*\n\+989161234567/);
  await ctx.close();
});

test("desk mode clears the form and keeps nothing personal once sent", async () => {
  await reset("ok");
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await withConfig(page, { signup_url: receiver.url });
  await page.goto(server.url + "about");
  await appReady(page);
  await page.check("#setting-staff");
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  await fillForm(page, { name: "رضا چنانی", mobile: "09160000000" });
  await page.click("button[type=submit]");
  await until(() => receiver.received().length === 1, "delivery");
  await page.click("text=ثبت‌نام تازه");
  assert.equal(await page.inputValue("#signup-name"), "", "the form is empty for the next volunteer");
  await until(async () => (await page.evaluate(() => localStorage.getItem("tak.outbox"))) === "[]", "nothing kept once sent");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tak.draft")).length), 0);
  await ctx.close();
});

test("a refused sign-up shows the server's reason and is not retried", async () => {
  // The office has taken the department out of the catalog the server reads; the phone's copy
  // still lists it.
  await reset("ok", { catalog: catalogWithout("tak-2") });
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  await fillForm(page, { name: "نرگس رحیمی", mobile: "09121231234" });
  await page.click("button[type=submit]");
  await until(async () => (await page.textContent("#signup-done")).includes("پذیرفته نشد: این دپارتمان دیگر در فهرست نیست"), "rejected with the server's Persian reason");
  await new Promise((r) => setTimeout(r, 6000));
  assert.equal(receiver.state.requests.length, 1, "a 4xx is final");
  await ctx.close();
});

test("two open tabs deliver each sign-up once", async () => {
  await reset("fail");
  const ctx = await phone(browser);
  const first = await signupPage(ctx);
  await fillForm(first, { name: "کاظم باوی", mobile: "09160001122" });
  await first.click("button[type=submit]");
  await first.waitForSelector("#signup-done");
  // A second tab opens while the first keeps retrying.
  const second = await openPage(ctx);
  await withConfig(second, { signup_url: receiver.url, signup_timeout_ms: 1500 });
  await second.goto(server.url + "my");
  await appReady(second);
  receiver.setMode("ok");
  await until(() => receiver.received().length === 1, "delivery", 30000);
  await new Promise((r) => setTimeout(r, 5000));
  assert.equal(receiver.received().length, 1);
  assert.equal(new Set(receiver.state.requests.map((r) => r.key)).size, 1);
  await ctx.close();
});

test("personal data leaves the phone once confirmed and never reaches the console", async () => {
  await reset("ok");
  const ctx = await phone(browser);
  const page = await signupPage(ctx);
  const consoleText = [];
  page.on("console", (m) => consoleText.push(m.text()));
  await fillForm(page, { name: "پریسا نیسی", mobile: "09167654321" });
  await page.fill("#signup-national-id", "0499370899");
  await page.click("button[type=submit]");
  await until(() => receiver.received().length === 1, "delivery");
  await until(async () => !(await page.evaluate(() => localStorage.getItem("tak.outbox") || "")).includes("9167654321"), "details removed");
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  for (const secret of ["9167654321", "0499370899", "پریسا"]) {
    assert.ok(!stored.includes(secret), `${secret} is not kept`);
    assert.ok(!consoleText.join("\n").includes(secret), `${secret} is not logged`);
  }
  await ctx.close();
});

test("the department poster prints with a QR code of its link", async () => {
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.goto(server.url + "tak/tak-1");
  await appReady(page);
  await page.waitForSelector(".department h1");
  assert.equal(await page.isVisible(".poster"), false, "not on screen");
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.isVisible(".poster .qr svg path"));
  assert.equal(await page.isVisible(".bottom-nav"), false);
  assert.match(await page.textContent(".poster"), /tak\/tak-1/);
  const modules = (await page.getAttribute(".poster .qr svg path", "d")).match(/M/g).length;
  assert.ok(modules > 100, "a real QR code");
  await ctx.close();
});
