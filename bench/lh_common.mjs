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
