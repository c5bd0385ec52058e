// Issue 6: axe-core (WCAG 2.x A/AA rules, including 2.2) on every route in all three languages
// with zero violations; touch targets of at least 44 px; no horizontal scroll at 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, phone, openPage, serveDist, appReady, ROOT } from "./harness.mjs";

const AXE = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const ROUTES = ["", "tak", "tak/tak-1", "tak/tak-1/signup", "services", "services/svc-1", "map", "my", "programme", "about", "no-such-page"];
const READY = { "": "section.programme", tak: ".card", "tak/tak-1": ".department h1", "tak/tak-1/signup": "form.signup",
  services: ".card", "services/svc-1": ".service h1", map: "path.county", my: "h1", programme: ".timeline", about: "#setting-staff", "no-such-page": ".not-found" };

let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")} — ${v.help}`);
  });
}

for (const lang of ["fa", "ar", "en"]) {
  test(`axe finds no violations on any route in ${lang}`, async () => {
    const ctx = await phone(browser, { bypassCSP: true });
    const page = await openPage(ctx);
    const found = [];
    for (const route of ROUTES) {
      await page.goto(`${server.url}${route}?lang=${lang}`);
      await appReady(page);
      await page.waitForSelector(READY[route]);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      for (const v of await axe(page)) found.push(`/${route} ${v}`);
    }
    assert.deepEqual(found, []);
    await ctx.close();
  });
}

test("touch targets are at least 44 px and nothing scrolls sideways at 320 px", async () => {
  const ctx = await phone(browser, { viewport: { width: 320, height: 640 } });
  const page = await openPage(ctx);
  const small = [];
  for (const route of ROUTES) {
    await page.goto(`${server.url}${route}`);
    await appReady(page);
    await page.waitForSelector(READY[route]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `/${route} scrolls sideways by ${overflow}px`);
    const tiny = await page.evaluate(() => [...document.querySelectorAll("a[href], button, input, select, summary, [role=button]")]
      .filter((e) => e.offsetParent !== null && !e.closest(".skip-link") && e.getAttribute("aria-hidden") !== "true")
      .filter((e) => { const r = e.getBoundingClientRect(); return e.tagName !== "INPUT" || e.type !== "checkbox" ? (r.height < 44 || r.width < 44) && !(e.tagName === "A" && getComputedStyle(e).display === "inline") : false; })
      .filter((e) => !(e instanceof SVGElement))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || "").trim().slice(0, 20)}" ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`));
    for (const t of tiny) small.push(`/${route} ${t}`);
  }
  assert.deepEqual(small, []);
  await ctx.close();
});

test("the whole sign-up can be done with the keyboard alone", async () => {
  const ctx = await phone(browser, { isMobile: false, hasTouch: false });
  const page = await openPage(ctx);
  await page.goto(`${server.url}tak/tak-3`);
  await appReady(page);
  await page.waitForSelector(".department h1");
  const tabTo = async (predicate, what) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(predicate)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabTo(() => document.activeElement.textContent.includes("ثبت‌نام داوطلب"), "the sign-up link");
  await page.keyboard.press("Enter");
  await page.waitForSelector("form.signup");
  await tabTo(() => document.activeElement.id === "signup-name", "the name field");
  await page.keyboard.type("لیلا کعبی");
  await page.keyboard.press("Tab");
  await page.keyboard.type("۰۹۱۶۷۷۷۸۸۹۹");
  await tabTo(() => document.activeElement.id === "signup-age", "the age group");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await tabTo(() => document.activeElement.id === "signup-consent", "the consent box");
  await page.keyboard.press("Space");
  await tabTo(() => document.activeElement.type === "submit", "the submit button");
  const focusStyle = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusStyle, "none", "focus is visible");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#signup-done");
  await ctx.close();
});

test("text zoomed to 200 % on a 320 px screen does not scroll sideways", async () => {
  const ctx = await phone(browser, { viewport: { width: 320, height: 640 } });
  const page = await openPage(ctx);
  for (const route of ROUTES) {
    await page.goto(`${server.url}${route}`);
    await appReady(page);
    await page.waitForSelector(READY[route]);
    await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
    await page.waitForTimeout(50);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `/${route} scrolls sideways by ${overflow}px at 200 %`);
  }
  await ctx.close();
});
