// Issue 9: hostile catalog text stays inert and isolated; broken storage never stops the app or a
// sign-up; the build runs under its strict Content-Security-Policy with no violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, phone, openPage, serveDist, appReady, withConfig, startReceiver, DIST } from "./harness.mjs";

let browser, server, receiver;
before(async () => { browser = await launch(); server = await serveDist(); receiver = await startReceiver(); });
after(async () => { await browser?.close(); await server?.close(); await receiver?.close(); });

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  "\u202Eتاک\u202C evil \u2066RLI\u2069 \u200F",
  "zero\u200Bwidth\u200C\u200Djoin\uFEFF",
  "😀👩‍👩‍👧 تست",
  "ب".repeat(10000),
];

test("hostile catalog text is shown as inert, isolated text and the layout holds at 360 px", async () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(DIST, "catalog.json"), "utf8"));
  catalog.services[0].name = HOSTILE.join(" ");
  catalog.services[0].description = HOSTILE[5];
  catalog.services[0].url = "javascript:window.__pwned=3";
  catalog.services[0].phones = [{ number: "javascript:alert(1)" }];
  catalog.services[0].x_translations = {};
  catalog.x_tak_departments[0].name = HOSTILE[0] + HOSTILE[2];
  catalog.x_tak_departments[0].x_translations = {};
  catalog.x_tak_departments[0].coordinator.phone = "<b>0916</b>";
  const ctx = await phone(browser);
  const page = await openPage(ctx);
  await page.route("**/catalog.json", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(catalog) }));
  for (const route of ["services", "services/svc-1", "tak", "tak/tak-1", "map"]) {
    await page.goto(server.url + route);
    await appReady(page);
    await page.waitForSelector("h1");
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `nothing ran on /${route}`);
    assert.equal(await page.locator("main img").count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `/${route} scrolls sideways by ${overflow}px`);
  }
  await page.goto(server.url + "services/svc-1");
  await appReady(page);
  await page.waitForSelector(".service h1");
  const h1 = page.locator(".service h1 bdi");
  assert.equal(await h1.count(), 1, "the name is isolated in <bdi>");
  assert.ok((await h1.textContent()).includes("<script>"), "markup is shown as text");
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

async function signUp(page) {
  await page.goto(server.url + "tak/tak-2/signup");
  await appReady(page);
  await page.waitForSelector("form.signup");
  await page.fill("#signup-name", "عباس عساکره");
  await page.fill("#signup-mobile", "09161234567");
  await page.selectOption("#signup-age", "seniors");
  await page.check("#signup-consent");
  await page.click("button[type=submit]");
  await page.waitForSelector("#signup-done");
}

for (const [name, script] of [
  ["unavailable (throws)", `Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });`],
  ["full (quota exceeded)", `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };`],
  ["corrupt", `try { localStorage.setItem("tak.outbox", "{not json"); localStorage.setItem("tak.settings", "["); localStorage.setItem("tak.draft.tak-2", "\\u0000"); } catch (e) {}`],
]) {
  test(`storage ${name}: the app starts, says what it cannot keep, and sign-ups still go out`, async () => {
    await receiver.reset("ok");
    const ctx = await phone(browser);
    await ctx.addInitScript(script);
    const page = await openPage(ctx);
    await withConfig(page, { signup_url: receiver.url });
    await page.goto(server.url + "tak");
    await appReady(page);
    await page.waitForSelector(".card");
    if (name !== "corrupt") {
      assert.match(await page.textContent("main"), /حافظهٔ مرورگر در دسترس نیست یا پر است/);
    }
    await signUp(page);
    const deadline = Date.now() + 15000;
    while (receiver.received().length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(receiver.received().length, 1);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });
}

test("the build runs under its Content-Security-Policy header with no violation", async () => {
  const csp = fs.readFileSync(path.join(DIST, "csp.txt"), "utf8").trim();
  const strict = await serveDist({ headers: { "content-security-policy": csp } });
  const ctx = await phone(browser, { serviceWorkers: "allow" });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await openPage(ctx);
  for (const [route, sel] of [["", "section.programme"], ["tak", ".card"], ["tak/tak-1", ".department h1"], ["tak/tak-1/signup", "form.signup"], ["services/svc-1", ".service h1"], ["map", "path.county"], ["about", "#setting-staff"]]) {
    await page.goto(strict.url + route);
    await appReady(page);
    await page.waitForSelector(sel);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `/${route}`);
  }
  assert.deepEqual(page.errors.filter((e) => /Content Security Policy|CSP/.test(e)), []);
  await ctx.close();
  await strict.close();
});
