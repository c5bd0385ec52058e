// What the Lighthouse scripts share: Debian's Chromium for Lighthouse, one mobile run, a median.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM_ARGS } from "../tests/e2e/harness.mjs";

export const launchChrome = () => chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: CHROMIUM_ARGS.filter((f) => !f.startsWith("--headless")).concat(["--headless=new"]),
});

/** One Lighthouse run (mobile preset: simulated slow 4G, 4x CPU) of `url`. */
export const runLighthouse = (chrome, url, categories = ["performance"]) =>
  lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The renderer's main thread in a Lighthouse trace (the `CrRendererMain` with the most tasks), as
 * "pid:tid", and the page's navigation start. */
export function traceMain(ev) {
  const count = {};
  for (const e of ev) if (e.name === "RunTask") count[e.pid + ":" + e.tid] = (count[e.pid + ":" + e.tid] || 0) + 1;
  const main = ev.filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain")
    .map((e) => e.pid + ":" + e.tid).sort((a, b) => (count[b] || 0) - (count[a] || 0))[0];
  const nav = ev.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame) || ev.find((e) => e.name === "navigationStart");
  return { main, nav };
}
