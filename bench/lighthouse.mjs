// Lighthouse mobile (simulated slow 4G, 4x CPU) against the release dist/ served on loopback, in
// Debian's Chromium: median of N runs per route (3 by default; make bench uses 5), and in the same
// run the benchmark's anchor, TodoMVC in Leptos (target/todomvc/dist, `make bench-anchor`), when it
// is built. Prints a Markdown table for BENCHMARKS.md, each figure beside issue 22's goal.
// Usage: node bench/lighthouse.mjs [runs] [routes, comma-separated, e.g. tak,tak/tak-1; all by default]
import fs from "node:fs";
import path from "node:path";
import { startStatic } from "../tests/e2e/servers.mjs";
import { DIST, ROOT } from "../tests/e2e/harness.mjs";
import { launchChrome, median, runLighthouse } from "./lh_common.mjs";

const runs = Number(process.argv[2] || 3);
const ALL = ["", "tak", "tak/tak-1", "tak/tak-1/signup", "services", "services/svc-1", "map", "my", "programme", "about"];
const routes = process.argv[3] ? process.argv[3].split(",").map((r) => r.replace(/^\//, "")) : ALL;
const ANCHOR = path.join(ROOT, "target/todomvc/dist");
const server = await startStatic({ root: DIST });
const anchor = fs.existsSync(path.join(ANCHOR, "index.html")) ? await startStatic({ root: ANCHOR }) : null;
const chrome = await launchChrome();
const rows = [];
// The anchor first and last, so that a machine that drifts during the run shows in its two rows.
const visits = [...(anchor ? [[anchor, "", "TodoMVC (anchor, first)"]] : []), ...routes.map((r) => [server, r, "/" + r]),
  ...(anchor ? [[anchor, "", "TodoMVC (anchor, last)"]] : [])];
try {
  for (const [host, route, name] of visits) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await runLighthouse(chrome, host.url + route, ["performance", "accessibility", "best-practices", "seo"]);
      const c = r.lhr.categories, a = r.lhr.audits;
      results.push({
        perf: c.performance.score * 100, a11y: c.accessibility.score * 100, bp: c["best-practices"].score * 100, seo: c.seo.score * 100,
        lcp: a["largest-contentful-paint"].numericValue, tbt: a["total-blocking-time"].numericValue, cls: a["cumulative-layout-shift"].numericValue,
        fails: Object.values(a).filter((x) => x.score !== null && x.score < 1 && ["accessibility"].some(() => true) && x.scoreDisplayMode === "binary").map((x) => x.id),
      });
    }
    const pick = (k) => median(results.map((r) => r[k]));
    const range = (k, f = (x) => x) => `${f(Math.min(...results.map((r) => r[k])))}–${f(Math.max(...results.map((r) => r[k])))}`;
    rows.push({ route: name, perf: pick("perf"), perfRange: range("perf"), a11y: pick("a11y"), a11yRange: range("a11y"), bp: pick("bp"), seo: pick("seo"),
      lcp: pick("lcp"), lcpRange: range("lcp", (x) => (x / 1000).toFixed(2)), tbt: pick("tbt"), tbtRange: range("tbt", Math.round), cls: pick("cls"), fails: [...new Set(results.flatMap((r) => r.fails))] });
  }
} finally {
  await chrome.kill();
  await server.close();
  await anchor?.close();
}
// Issue 22.3's goals: performance at least 95 and within 5 points of the anchor's, TBT at most 200 ms.
const anchorPerf = Math.min(...rows.filter((r) => r.route.startsWith("TodoMVC")).map((r) => r.perf));
const perfGoal = Number.isFinite(anchorPerf) ? Math.max(95, anchorPerf - 5) : 95;
const bold = (ok, text) => (ok ? text : `**${text}**`);
console.log(`| route | performance (median, range), goal ≥ ${perfGoal} | accessibility | best practices | SEO | LCP s (median, range) | TBT ms (median, range), goal ≤ 200 | CLS |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const r of rows) {
  const app = !r.route.startsWith("TodoMVC");
  console.log(`| ${r.route} | ${bold(!app || r.perf >= perfGoal, `${r.perf} (${r.perfRange})`)} | ${r.a11y} (${r.a11yRange}) | ${r.bp} | ${r.seo} | ${(r.lcp / 1000).toFixed(2)} (${r.lcpRange}) | ${bold(!app || r.tbt <= 200, `${Math.round(r.tbt)} (${r.tbtRange})`)} | ${r.cls.toFixed(3)} |`);
}
if (!anchor) console.log(`(no anchor: ${ANCHOR} is missing; \`make bench-anchor\` builds it)`);
for (const r of rows) if (r.fails.length) console.log(`failing binary audits on ${r.route}: ${r.fails.join(", ")}`);
