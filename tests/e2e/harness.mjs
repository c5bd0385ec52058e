// Shared set-up for the end-to-end suite: Debian's Chromium driven by playwright-core (never a
// browser download), a phone-sized context, the release build served from dist/ on a free
// loopback port, and a record of console errors so every test can assert there were none.
import { chromium, devices } from "playwright-core";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startStatic, startReceiver } from "./servers.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.DIST_DIR || path.join(ROOT, "dist");

export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--metrics-recording-only", "--password-store=basic",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A phone: 360 px wide, touch, Persian unless told otherwise. */
export async function phone(browser, options = {}) {
  const base = devices["Galaxy S9+"] || {};
  return browser.newContext({
    ...base,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "fa-IR",
    timezoneId: "Asia/Tehran",
    serviceWorkers: "block",
    ...options,
  });
}

/** Opens a page that records console errors, page errors and every request's URL. */
export async function openPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("request", (r) => page.requests.push(r.url()));
  return page;
}

/** Answers config.json with these settings (the rest default). */
export async function withConfig(target, config) {
  await target.route("**/config.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ catalog_url: "catalog.json", ...config }) }));
}

/** Waits until the wasm app has replaced the static shell. */
export async function appReady(page) {
  await page.waitForSelector("#shell", { state: "detached", timeout: 20000 });
}

export async function serveDist(options = {}) {
  return startStatic({ root: DIST, ...options });
}

export { startReceiver };

/** Polls `check` until it is true, failing the test with `what` after `ms`. */
export async function until(check, what, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Errors that are about the test set-up, not the app (e.g. a deliberately dead endpoint). */
export function appErrors(page, allowed = []) {
  return page.errors.filter((e) => !allowed.some((a) => e.includes(a)));
}
