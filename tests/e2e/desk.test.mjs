// Issue 21 as volunteers and coordinators meet it, with the real sign-up server on SQLite (and
// PostgreSQL under `make test-e2e-postgres`): a sign-up on one phone confirmed at the desk in
// another browser, a decline with its reason and the freed place offered to the one waiting,
// a coordinator kept to their own departments, a logout that leaves nothing behind, the export
// and the printable list, in three languages on a 360 px screen, and residents who never
// download the desk.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { launch, phone, openPage, serveDist, appReady, appErrors, until, DIST, ROOT } from "./harness.mjs";
import { startTakServer } from "./servers.mjs";

let browser, app, tak;
before(async () => {
  browser = await launch();
  const csp = fs.readFileSync(path.join(DIST, "csp.txt"), "utf8").trim();
  tak = await startTakServer({ catalog: path.join(DIST, "catalog.json") });
  // The static host answers config.json itself, as `make serve` does: a page's own routing does
  // not reach the requests of a service worker.
  const override = (req, res, url) => {
    if (url.pathname !== "/config.json") return false;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
    res.end(JSON.stringify({ catalog_url: "catalog.json", ...config() }));
    return true;
  };
  app = await serveDist({ headers: { "content-security-policy": csp }, override });
});
after(async () => { await browser?.close(); await app?.close(); await tak?.close(); });

const config = () => ({ signup_url: tak.url, availability_url: tak.availability, signup_timeout_ms: 5000 });

async function open(ctx, route) {
  const page = await openPage(ctx);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.goto(app.url + route);
  await appReady(page);
  return page;
}

async function signUp(page, id, { name, mobile, note = "" }) {
  await page.goto(app.url + `tak/${id}/signup`);
  await appReady(page);
  await page.waitForSelector("form.signup");
  await page.fill("#signup-name", name);
  await page.fill("#signup-mobile", mobile);
  await page.selectOption("#signup-age", "adults");
  if (note) await page.fill("#signup-note", note);
  await page.check("#signup-consent");
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
  await until(async () => !/روی این گوشی ذخیره شد/.test(await page.textContent("#signup-done")), "the server's answer");
}

/** Logs in at /desk; with a one-time password, chooses `newPassword` first. */
async function logIn(page, { user, password }, newPassword = null) {
  await page.waitForSelector("#desk-user");
  await page.fill("#desk-user", user);
  await page.fill("#desk-password", password);
  await page.click("form.desk-login button[type=submit]");
  if (newPassword) {
    await page.waitForSelector("#desk-new-password");
    await page.fill("#desk-old-password", password);
    await page.fill("#desk-new-password", newPassword);
    await page.fill("#desk-repeat-password", newPassword);
    await page.click("form.desk-login button[type=submit]");
  }
  await page.waitForSelector("#desk-log-out");
}

const card = (page, name) => page.locator("article.desk-signup", { hasText: name });
const stateOf = async (page, name) => card(page, name).getAttribute("data-state");
const placesLeft = async (page) => {
  const badge = page.locator("article.department .screen-only .badge:has(+ .places-age)").first();
  return (await badge.textContent()).trim();
};

test("a sign-up on one phone is confirmed at the desk in another browser, and every screen agrees", async () => {
  const account = tak.coordinator("add", "maryam", "--name", "مریم", "--departments", "tak-2,tak-3");
  assert.ok(account.password.length >= 10, "a one-time password is printed");

  // A third phone watches the department's places.
  const watcherCtx = await phone(browser);
  const watcher = await open(watcherCtx, "tak/tak-2");
  await until(async () => (await placesLeft(watcher)).includes("۱۹"), "19 places left, live");

  const volunteerCtx = await phone(browser);
  const volunteer = await open(volunteerCtx, "");
  await signUp(volunteer, "tak-2", { name: "لیلا عباسی", mobile: "۰۹۱۶۱۲۳۴۵۶۷", note: "=1+2" });

  const deskCtx = await phone(browser);
  const desk = await open(deskCtx, "desk/");
  await logIn(desk, account, "کتابخانه مرکزی اهواز ۱۴۰۵");
  // Only their departments, with places as the server counts them.
  await desk.waitForSelector("article.desk-department");
  const names = await desk.locator("article.desk-department .card-title").allTextContents();
  assert.equal(names.length, 2, names.join(" | "));
  const tak2 = desk.locator("article.desk-department", { hasText: "قصه‌گویی" });
  assert.match(await tak2.textContent(), /۱۸ جا مانده/);

  await tak2.locator("a").click();
  await desk.waitForSelector("article.desk-signup");
  const row = card(desk, "لیلا عباسی");
  const text = await row.textContent();
  assert.match(text, /\+989161234567/, "the mobile, in the one spelling the server keeps");
  assert.match(text, /دریافت‌شده/);
  assert.equal(await row.locator('a[href^="tel:"]').getAttribute("href"), "tel:+989161234567");
  const sms = decodeURIComponent(await row.locator("a", { hasText: "پیامک به داوطلب" }).getAttribute("href"));
  assert.match(sms, /^sms:.*\?&body=تاک: لیلا عباسی گرامی/, "the volunteer's own language and name");

  // The same normalised search as the app's lists: Persian digits find a Latin-digit number.
  await desk.fill("#desk-search", "۱۲۳۴۵");
  assert.equal(await desk.locator("article.desk-signup").count(), 1);
  await desk.fill("#desk-search", "نیست");
  await until(async () => (await desk.locator("article.desk-signup").count()) === 0, "no match");
  assert.match(await desk.textContent("main"), /هیچ ثبت‌نامی با این جستجو جور نیست/);
  await desk.fill("#desk-search", "");

  await row.locator('[data-action="confirm"]').click();
  await until(async () => (await stateOf(desk, "لیلا عباسی")) === "confirmed", "confirmed at the desk");

  // The volunteer, opening the app again, is told; "my sign-ups" shows it and the notice goes.
  await volunteer.goto(app.url);
  await appReady(volunteer);
  const notice = volunteer.locator(".notice-update a", { hasText: "پاسخ داده است" });
  await notice.waitFor({ timeout: 20000 });
  await notice.click();
  await until(async () => (await volunteer.textContent(".signup-row")).includes("تأیید شد"), "confirmed on the phone");
  await until(async () => (await volunteer.locator(".notice-update", { hasText: "پاسخ داده است" }).count()) === 0, "the notice gone once seen");
  await volunteer.goto(app.url);
  await appReady(volunteer);
  await volunteer.waitForTimeout(1500);
  assert.equal(await volunteer.locator(".notice-update", { hasText: "پاسخ داده است" }).count(), 0, "not said again");

  // Places left: one fewer on the watching phone, on the volunteer's and at the desk.
  // (The server lets browsers keep /availability for 10 s: each phone asks again after that.)
  const shows18 = async (page, route) => {
    await page.goto(app.url + route);
    await appReady(page);
    await page.waitForSelector("article.department .places-age:not(:empty)");
    return (await placesLeft(page)).includes("۱۸");
  };
  await until(() => shows18(watcher, "tak/tak-2"), "18 places left on the other phone", 30000);
  await until(() => shows18(volunteer, "tak/tak-2"), "18 on the volunteer's phone", 30000);
  await desk.goBack();
  await until(async () => /۱۸ جا مانده/.test(await desk.locator("article.desk-department", { hasText: "قصه‌گویی" }).textContent()), "18 at the desk");

  for (const p of [watcher, volunteer, desk]) {
    assert.deepEqual(appErrors(p), []);
    assert.deepEqual(await p.evaluate(() => window.__csp), [], "the CSP holds");
  }
  await Promise.all([watcherCtx.close(), volunteerCtx.close(), deskCtx.close()]);
});

test("a decline's reason reaches the volunteer, and the freed place goes to the one waiting", async () => {
  const account = tak.coordinator("add", "reza", "--name", "Reza", "--departments", "tak-3", "--demo-password", "demo-password-123");
  // tak-3 has one place left: the first takes it, the second waits.
  const [firstCtx, secondCtx] = [await phone(browser), await phone(browser)];
  const first = await open(firstCtx, "");
  await signUp(first, "tak-3", { name: "کاوه نیسی", mobile: "09161110011" });
  const second = await open(secondCtx, "");
  await signUp(second, "tak-3", { name: "نرگس سواری", mobile: "09161110012" });
  assert.match(await second.textContent("#signup-done"), /فهرست انتظار/);

  const deskCtx = await phone(browser, { locale: "en-US" });
  const desk = await open(deskCtx, "desk/?lang=en");
  await logIn(desk, account);
  await desk.click("article.desk-department a");
  await desk.waitForSelector("article.desk-signup");
  assert.equal(await stateOf(desk, "نرگس سواری"), "waiting_list");
  const firstRow = card(desk, "کاوه نیسی");
  await firstRow.locator('[data-action="decline"]').click();
  // A decline needs its reason.
  await firstRow.locator('[data-action="decline-send"]').click();
  assert.match(await firstRow.textContent(), /Write the reason the volunteer will see/);
  await firstRow.locator("textarea").fill("گروه این فصل با دانش‌آموزان دبیرستان است");
  await firstRow.locator('[data-action="decline-send"]').click();
  await until(async () => (await stateOf(desk, "کاوه نیسی")) === "declined", "declined");
  await until(async () => (await stateOf(desk, "نرگس سواری")) === "place_offered", "the freed place offered");
  assert.equal(await card(desk, "کاوه نیسی").locator("button").count(), 0, "a declined sign-up takes no answer");
  await card(desk, "نرگس سواری").locator('[data-action="confirm"]').click();
  await until(async () => (await stateOf(desk, "نرگس سواری")) === "confirmed", "confirmed");

  await first.goto(app.url + "my");
  await appReady(first);
  await until(async () => (await first.textContent(".signup-row")).includes("گروه این فصل با دانش‌آموزان دبیرستان است"), "the reason on the phone");
  await second.goto(app.url + "my");
  await appReady(second);
  await until(async () => (await second.textContent(".signup-row")).includes("تأیید شد"), "confirmed on the second phone");
  for (const p of [first, second, desk]) assert.deepEqual(appErrors(p), []);
  await Promise.all([firstCtx.close(), secondCtx.close(), deskCtx.close()]);
});

test("a coordinator sees only their departments; forged tokens are refused; logging out leaves nothing", async () => {
  const account = tak.coordinator("add", "sara", "--name", "Sara", "--departments", "tak-1", "--demo-password", "sara-password-123");
  const volunteerCtx = await phone(browser);
  const volunteer = await open(volunteerCtx, "");
  await signUp(volunteer, "tak-1", { name: "هدی کعبی", mobile: "09161110021", note: '=HYPERLINK("http://x.example","پیوند")' });
  await signUp(volunteer, "tak-5", { name: "جواد مرادی", mobile: "09161110022" });

  // A shared library computer: the service worker is on, as for anyone.
  const deskCtx = await phone(browser, { serviceWorkers: "allow" });
  const desk = await open(deskCtx, "desk/");
  await logIn(desk, account);
  assert.equal(await desk.locator("article.desk-department").count(), 1);
  await desk.click("article.desk-department a");
  await desk.waitForSelector("article.desk-signup");
  assert.match(await desk.textContent("main"), /هدی کعبی/);

  // Another department by its address: the server's refusal, in the desk's language.
  await desk.goto(app.url + "desk/?department=tak-5");
  await appReady(desk);
  await desk.locator(".notice-warn[role=alert]", { hasText: "این دپارتمان در فهرست دپارتمان‌های شما نیست" }).waitFor();
  assert.doesNotMatch(await desk.textContent("main"), /جواد مرادی/);

  // A forged token: the login form, with the server's words.
  const kept = await desk.evaluate(() => sessionStorage.getItem("tak-desk-login"));
  await desk.evaluate((k) => sessionStorage.setItem("tak-desk-login", k.replace(/"token":"[^"]*"/, '"token":"forged"')), kept);
  await desk.goto(app.url + "desk/?department=tak-1");
  await appReady(desk);
  await desk.waitForSelector("#desk-user");
  assert.doesNotMatch(await desk.textContent("main"), /هدی کعبی/);

  assert.match(await desk.textContent("main"), /ورود شما پایان یافته است/);

  // Log in again (the desk goes on to the department the address names), log out: nothing
  // personal is left on the device.
  await logIn(desk, account);
  await desk.waitForSelector("article.desk-signup");
  const token = JSON.parse(await desk.evaluate(() => sessionStorage.getItem("tak-desk-login"))).token;
  await desk.click("#desk-log-out");
  await desk.waitForSelector("#desk-user");
  assert.doesNotMatch(await desk.textContent("body"), /هدی کعبی|9161110021/);
  const left = await desk.evaluate(async () => {
    const parts = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url, await (await cache.match(request)).text());
    }
    return parts.join("\n");
  });
  for (const secret of ["هدی کعبی", "09161110021", "+989161110021", token]) assert.ok(!left.includes(secret), `left on the device: ${secret}`);
  // Back does not bring the list back: the token no longer opens anything.
  await desk.goBack();
  await desk.waitForSelector("#desk-user");
  const refused = await fetch(`${tak.base}/desk/departments`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 401, "the token ended on the server too");
  assert.deepEqual(await desk.evaluate(() => window.__csp), []);
  await Promise.all([volunteerCtx.close(), deskCtx.close()]);
});

test("the export and the printable list", async () => {
  const account = tak.coordinator("add", "omid", "--name", "Omid", "--departments", "tak-1", "--demo-password", "omid-password-123");
  const deskCtx = await phone(browser, { acceptDownloads: true });
  const desk = await open(deskCtx, "desk/");
  await logIn(desk, account);
  await desk.click("article.desk-department a");
  await desk.waitForSelector("article.desk-signup");
  const [download] = await Promise.all([desk.waitForEvent("download"), desk.click("#desk-export")]);
  assert.match(download.suggestedFilename(), /^tak-1-\d{4}-\d\d-\d\d\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFF"), "a byte-order mark for spreadsheet programs");
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines[0], "کد پیگیری,نام,موبایل,گروه سنی,روزها,یادداشت,وضعیت,دلیل,راه ثبت‌نام,زمان دریافت");
  // A number starting with + is a formula to a spreadsheet: it is written as text.
  assert.ok(lines.some((l) => l.includes("هدی کعبی") && l.includes(",'+989161110021,") && l.includes(`"'=HYPERLINK(""http://x.example"",""پیوند"")"`)), csv);

  // The printable list of a session: tak-1 meets on Tuesdays and Wednesdays.
  const buttons = await desk.locator(".desk-print").allTextContents();
  assert.equal(buttons.length, 2, buttons.join(" | "));
  await desk.locator(".desk-print").first().click();
  await desk.waitForSelector(".print-sheet table");
  assert.match(await desk.textContent(".print-sheet"), /هدی کعبی/);
  await until(async () => (await desk.evaluate(() => window.__printed)) === 1, "sent to the printer");
  // On paper only the list: the rest of the desk is not printed.
  await desk.emulateMedia({ media: "print" });
  const printed = await desk.evaluate(() => [...document.querySelectorAll("article.desk-signup, #desk-log-out, .bottom-nav")].filter((e) => e.offsetParent !== null).length);
  assert.equal(printed, 0);
  await Promise.all([deskCtx.close()]);
});

test("the desk in Arabic and English on a 360 px screen, and residents never download it", async () => {
  for (const [lang, title, dir] of [["ar", "مكتب المنسّقين", "rtl"], ["en", "Coordinators' desk", "ltr"], ["fa", "میز هماهنگ‌کنندگان", "rtl"]]) {
    const ctx = await phone(browser);
    const desk = await open(ctx, `desk?lang=${lang}`);
    await desk.waitForSelector("#desk-user");
    assert.equal(await desk.textContent("main h1"), title);
    assert.equal(await desk.getAttribute("html", "dir"), dir);
    assert.ok(await desk.evaluate(() => document.documentElement.scrollWidth <= 360), `${lang}: nothing wider than the screen`);
    // A wrong password: the server's words, in this language.
    await desk.fill("#desk-user", "nobody");
    await desk.fill("#desk-password", "wrong-password");
    await desk.click("form.desk-login button[type=submit]");
    await desk.waitForSelector(".error-message");
    const said = await desk.textContent(".error-message");
    assert.ok(lang === "en" ? /[a-z]/i.test(said) : /[\u0600-\u06FF]/.test(said), `${lang}: ${said}`);
    assert.deepEqual(appErrors(desk, ["status of 401"]), []);
    await ctx.close();
  }

  // A resident's first visits fetch nothing of the desk, and the offline copy leaves it out.
  const ctx = await phone(browser);
  const resident = await open(ctx, "");
  for (const route of ["tak", "tak/tak-2", "my", "about"]) {
    await resident.goto(app.url + route);
    await appReady(resident);
  }
  await resident.waitForTimeout(1000);
  assert.deepEqual(resident.requests.filter((u) => /desk/.test(u)), []);
  const sw = fs.readFileSync(path.join(DIST, "sw.js"), "utf8");
  const precached = JSON.parse(sw.match(/const PRECACHE = (\[[^\]]*\])/)[1]);
  assert.ok(precached.some((f) => f.startsWith("split_lists")), "the residents' modules are precached");
  assert.deepEqual(precached.filter((f) => /desk/.test(f)), []);
  // The About page leads to the desk, a page load of its own build.
  await resident.goto(app.url + "about");
  await appReady(resident);
  await resident.click('a[href$="/desk/"]');
  await resident.waitForSelector("#desk-user");
  assert.equal(new URL(resident.url()).pathname, "/desk/");
  await ctx.close();
});

test("`make serve` prints a demonstration coordinator who can log in at once", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tak-serve-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn("node", [path.join(ROOT, "scripts/serve.mjs"), DIST, String(port)], {
    env: { ...process.env, TAK_SERVE_DIR: dir, TAK_SERVER: process.env.TAK_SERVER || path.join(ROOT, "target/debug/tak-server") },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  try {
    await until(async () => /^password: /m.test(out), "the printed password", 30000);
    const desk = out.match(/^The coordinators' desk: (\S+)/m)[1];
    const user = out.match(/^user: (.*)$/m)[1].trim();
    const password = out.match(/^password: (.*)$/m)[1].trim();
    assert.equal(desk, `http://127.0.0.1:${port}/desk/`);
    const ctx = await phone(browser);
    const page = await openPage(ctx);
    await page.goto(desk);
    await appReady(page);
    await logIn(page, { user, password });
    // No password change asked, and every sample department there.
    assert.equal(await page.locator("#desk-new-password").count(), 0);
    await until(async () => (await page.locator("article.desk-department").count()) === 14, "the 14 sample departments");
    assert.deepEqual(appErrors(page), []);
    await ctx.close();
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
