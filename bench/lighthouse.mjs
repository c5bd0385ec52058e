// Lighthouse mobile (simulated slow 4G, 4x CPU) against the release dist/ served on loopback, in
// Debian's Chromium: median of N runs per route (3 by default; make bench uses 5). Prints a Markdown table for BENCHMARKS.md.
// Usage: node bench/lighthouse.mjs [runs] [routes, comma-separated, e.g. tak,tak/tak-1; all by default]
import { startStatic } from "../tests/e2e/servers.mjs";
import { DIST } from "../tests/e2e/harness.mjs";
import { launchChrome, median, runLighthouse } from "./lh_common.mjs";

const runs = Number(process.argv[2] || 3);
const ALL = ["", "tak", "tak/tak-1", "tak/tak-1/signup", "services", "services/svc-1", "map", "my", "programme", "about"];
const routes = process.argv[3] ? process.argv[3].split(",").map((r) => r.replace(/^\//, "")) : ALL;
const server = await startStatic({ root: DIST });
const chrome = await launchChrome();
const rows = [];
try {
  for (const route of routes) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await runLighthouse(chrome, server.url + route, ["performance", "accessibility", "best-practices", "seo"]);
      const c = r.lhr.categories, a = r.lhr.audits;
      results.push({
        perf: c.performance.score * 100, a11y: c.accessibility.score * 100, bp: c["best-practices"].score * 100, seo: c.seo.score * 100,
        lcp: a["largest-contentful-paint"].numericValue, tbt: a["total-blocking-time"].numericValue, cls: a["cumulative-layout-shift"].numericValue,
        fails: Object.values(a).filter((x) => x.score !== null && x.score < 1 && ["accessibility"].some(() => true) && x.scoreDisplayMode === "binary").map((x) => x.id),
      });
    }
    const pick = (k) => median(results.map((r) => r[k]));
    const range = (k, f = (x) => x) => `${f(Math.min(...results.map((r) => r[k])))}–${f(Math.max(...results.map((r) => r[k])))}`;
    rows.push({ route: "/" + route, perf: pick("perf"), perfRange: range("perf"), a11y: pick("a11y"), a11yRange: range("a11y"), bp: pick("bp"), seo: pick("seo"),
      lcp: pick("lcp"), lcpRange: range("lcp", (x) => (x / 1000).toFixed(2)), tbt: pick("tbt"), tbtRange: range("tbt", Math.round), cls: pick("cls"), fails: [...new Set(results.flatMap((r) => r.fails))] });
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log(`| route | performance (median, range) | accessibility | best practices | SEO | LCP s (median, range) | TBT ms (median, range) | CLS |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const r of rows) {
  console.log(`| ${r.route} | ${r.perf} (${r.perfRange}) | ${r.a11y} (${r.a11yRange}) | ${r.bp} | ${r.seo} | ${(r.lcp / 1000).toFixed(2)} (${r.lcpRange}) | ${Math.round(r.tbt)} (${r.tbtRange}) | ${r.cls.toFixed(3)} |`);
}
for (const r of rows) if (r.fails.length) console.log(`failing binary audits on ${r.route}: ${r.fails.join(", ")}`);
