// Issue 19 as volunteers meet it, with the real sign-up server on SQLite: places left that fall
// on a second phone, the last place raced by two, the waiting list and a freed place coming back
// to "my sign-ups", and the catalog's own figure (with its date) when the server cannot answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, phone, openPage, serveDist, appReady, withConfig, startReceiver, appErrors, until } from "./harness.mjs";

let browser, server, receiver;
before(async () => { browser = await launch(); server = await serveDist(); receiver = await startReceiver(); });
after(async () => { await browser?.close(); await server?.close(); await receiver?.close(); });

// tak-12 has one place left in the sample catalog.
const LAST_PLACE = "tak-12";

async function openDepartment(ctx, id, config = {}) {
  const page = await openPage(ctx);
  await withConfig(page, { signup_url: receiver.url, availability_url: receiver.availability, signup_timeout_ms: 4000, ...config });
  await page.goto(server.url + `tak/${id}`);
  await appReady(page);
  await page.waitForSelector("article.department");
  return page;
}

async function signUp(page, id, { name, mobile }) {
  await page.goto(server.url + `tak/${id}/signup`);
  await appReady(page);
  await page.waitForSelector("form.signup");
  await page.fill("#signup-name", name);
  await page.fill("#signup-mobile", mobile);
  await page.selectOption("#signup-age", "adults");
  await page.check("#signup-consent");
  await page.click("form.signup button[type=submit]");
  await page.waitForSelector("#signup-done");
}

/** The department page's places badge and what it says of its age ("now", or the catalog's date). */
const badge = async (page) => {
  const places = await page.locator("article.department .screen-only .badge:has(+ .places-age)").first().textContent();
  const age = await page.locator("article.department .screen-only .places-age").first().textContent();
  return `${places.trim()} ${age.trim()}`;
};

test("places left fall on a second phone, and the last place goes to one of two racers", async () => {
  await receiver.reset("ok");
  const ctxA = await phone(browser);
  const watcher = await openDepartment(ctxA, LAST_PLACE);
  await until(async () => (await badge(watcher)).includes("۱ جای خالی هم‌اکنون"), "one place, live");

  // Two volunteers on two phones take the last place at the same moment.
  const [ctxB, ctxC] = [await phone(browser), await phone(browser)];
  const [b, c] = [await openDepartment(ctxB, LAST_PLACE), await openDepartment(ctxC, LAST_PLACE)];
  await Promise.all([
    signUp(b, LAST_PLACE, { name: "زینب حمیدی", mobile: "09161110001" }),
    signUp(c, LAST_PLACE, { name: "سعید باوی", mobile: "09161110002" }),
  ]);
  const done = async (p) => (await p.textContent("#signup-done")) || "";
  await until(async () => /فرستاده شد|در فهرست انتظار/.test(await done(b)) && /فرستاده شد|در فهرست انتظار/.test(await done(c)), "both answered");
  const states = [await done(b), await done(c)].map((t) => (t.includes("در فهرست انتظار، نفر ۱") ? "waiting" : t.includes("فرستاده شد") ? "place" : t));
  assert.deepEqual([...states].sort(), ["place", "waiting"], "one gets the place, the other is told they wait");
  assert.equal(receiver.received().length, 2);

  // The first phone, reopening the page, sees the department full and is offered the waiting list.
  await watcher.reload();
  await appReady(watcher);
  await until(async () => (await badge(watcher)).includes("ظرفیت تکمیل"), "full on the other phone");
  assert.match(await watcher.textContent(".signup-cta"), /فهرست انتظار/);

  // The one with the place withdraws from "my sign-ups"; the one waiting sees the place offered.
  const [holder, waiter] = states[0] === "place" ? [b, c] : [c, b];
  await holder.click('.bottom-nav a[href$="/my"]');
  await holder.waitForSelector(".signup-row");
  await holder.click(".signup-row .btn-danger");
  await until(async () => (await holder.textContent(".signup-row")).includes("انصراف ثبت شد"), "withdrawn");
  await waiter.click('.bottom-nav a[href$="/my"]');
  await waiter.waitForSelector(".signup-row");
  await until(async () => (await waiter.textContent(".signup-row")).includes("جایی برای شما باز شد"), "the freed place offered", 30000);
  const rows = receiver.received();
  assert.equal(rows.length, 1, "the withdrawn sign-up is no longer counted");
  assert.equal(rows[0].state, "place_offered");
  for (const p of [watcher, b, c]) assert.deepEqual(appErrors(p), []);
  await Promise.all([ctxA.close(), ctxB.close(), ctxC.close()]);
});

test("with the server unreachable, the catalog's figure is shown with the catalog's date", async () => {
  for (const [locale, lang, asOf] of [["fa-IR", "fa", "طبق فهرست"], ["ar", "ar", "حسب القائمة"], ["en-US", "en", "as of the list of"]]) {
    const ctx = await phone(browser, { locale });
    const page = await openPage(ctx);
    await ctx.addInitScript((l) => localStorage.setItem("tak.lang", l), lang);
    await withConfig(page, { signup_url: "http://127.0.0.1:9/signups", availability_url: "http://127.0.0.1:9/availability", default_language: lang });
    await page.goto(server.url + "tak/tak-1");
    await appReady(page);
    await page.waitForSelector("article.department .places-age");
    const age = await page.textContent("article.department .places-age");
    assert.ok(age.includes(asOf), `${lang}: ${age}`);
    assert.match(age, /۱۴۰۵|١٤٠٥|1405|2026/, `${lang}: the catalog's date`);
    await ctx.close();
  }
});
