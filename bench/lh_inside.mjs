// Diagnosis: one Lighthouse run of a route; for each main-thread task over 10 ms after the first
// paint, the trace events inside it that took longest (their own names, summed).
//   node bench/lh_inside.mjs DIST [route] [runs]
import { startStatic } from "../tests/e2e/servers.mjs";
import { launchChrome, runLighthouse, traceMain } from "./lh_common.mjs";
const [dir, route = "tak/tak-1", runs = "1"] = process.argv.slice(2);
const server = await startStatic({ root: dir });
const chrome = await launchChrome();
try {
  for (let i = 0; i < Number(runs); i++) {
    const r = await runLighthouse(chrome, server.url + route);
    const ev = r.artifacts.Trace.traceEvents;
    const { main, nav } = traceMain(ev);
    console.log(`TBT ${r.lhr.audits["total-blocking-time"].numericValue.toFixed(0)}`);
    for (const t of ev.filter((e) => e.pid + ":" + e.tid === main && e.name === "RunTask" && e.dur > 10000)) {
      const inside = ev.filter((e) => e.pid + ":" + e.tid === main && e.ts > t.ts && e.ts <= t.ts + t.dur && e.dur);
      const by = {};
      for (const e of inside) {
        const name = e.name === "FunctionCall" || e.name === "EvaluateScript" ? `${e.name}(${e.args?.data?.functionName || e.args?.data?.url?.split("/").pop() || ""})` : e.name;
        by[name] = (by[name] || 0) + e.dur / 1000;
      }
      const top = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(", ");
      console.log(`  ${((t.ts - nav.ts) / 1000).toFixed(0)} ms, ${(t.dur / 1000).toFixed(0)} ms: ${top}`);
    }
  }
} finally { await chrome.kill(); await server.close(); }
