// Compares two builds under Lighthouse mobile, runs interleaved (A, B, A, B, ...) so that the
// machine's drift falls on both alike. Usage: node bench/lh_ab.mjs DIR_A DIR_B [runs] [routes]
import { startStatic } from "../tests/e2e/servers.mjs";
import { launchChrome, median, runLighthouse } from "./lh_common.mjs";
const [dirA, dirB] = process.argv.slice(2, 4);
const runs = Number(process.argv[4] || 5);
const routes = (process.argv[5] || "tak/tak-1,services/svc-1").split(",");
const servers = [await startStatic({ root: dirA }), await startStatic({ root: dirB })];
const chrome = await launchChrome();
try {
  for (const route of routes) {
    const res = [[], []];
    for (let i = 0; i < runs; i++) for (const k of [0, 1]) {
      const r = await runLighthouse(chrome, servers[k].url + route);
      const a = r.lhr.audits;
      res[k].push({ perf: r.lhr.categories.performance.score * 100, lcp: a["largest-contentful-paint"].numericValue, tbt: a["total-blocking-time"].numericValue });
    }
    for (const k of [0, 1]) {
      const f = (key, d = 0) => `${median(res[k].map((x) => x[key])).toFixed(d)} [${res[k].map((x) => x[key].toFixed(d)).join(" ")}]`;
      console.log(`/${route} ${"AB"[k]}: perf ${f("perf")} TBT ${f("tbt")} LCP ${f("lcp")}`);
    }
  }
} finally { await chrome.kill(); for (const s of servers) await s.close(); }
