// Diagnosis: Lighthouse runs of one route on builds A and B; lists the main thread's tasks over
// 10 ms (observed, unthrottled) and sum(4*d - 50) over those after the first paint.
import { startStatic } from "../tests/e2e/servers.mjs";
import { launchChrome, runLighthouse, traceMain } from "./lh_common.mjs";
const [dirA, dirB] = process.argv.slice(2, 4);
const runs = Number(process.argv[4] || 3);
const route = process.argv[5] || "tak/tak-1";
const servers = [await startStatic({ root: dirA }), await startStatic({ root: dirB })];
const chrome = await launchChrome();
function label(ev, t, main) {
  const inside = ev.filter((e) => e.pid + ":" + e.tid === main && e.ts >= t.ts && e.ts <= t.ts + t.dur);
  const has = (n) => inside.some((e) => e.name === n);
  const marks = inside.filter((e) => /^catalog-/.test(e.name)).map((e) => e.name).join(",");
  const parts = [];
  if (has("v8.wasm.compileConsume")) parts.push("wasm×" + inside.filter((e) => e.name === "v8.wasm.compileConsume").length);
  if (has("ParseHTML")) parts.push("html");
  if (has("Layout")) parts.push("layout" + inside.filter((e) => e.name === "Layout").reduce((s, e) => s + e.dur / 1000, 0).toFixed(0));
  if (has("MajorGC")) parts.push("GC");
  if (has("TimerFire")) parts.push("timer");
  if (inside.some((e) => e.name === "ResourceSendRequest")) parts.push("req×" + inside.filter((e) => e.name === "ResourceSendRequest").length);
  if (marks) parts.push(marks);
  return parts.join(" ");
}
try {
  for (let i = 0; i < runs; i++) for (const k of [0, 1]) {
    const r = await runLighthouse(chrome, servers[k].url + route);
    const ev = r.artifacts.Trace.traceEvents;
    const { main, nav } = traceMain(ev);
    const fcp = ev.find((e) => e.name === "firstContentfulPaint" && e.pid + ":" + e.tid === main) || ev.find((e) => e.name === "firstContentfulPaint");
    const tasks = ev.filter((e) => e.pid + ":" + e.tid === main && e.name === "RunTask" && e.dur > 10000);
    let sum = 0;
    const desc = tasks.map((t) => {
      const d = t.dur / 1000, after = !fcp || t.ts > fcp.ts;
      if (after) sum += Math.max(0, 4 * d - 50);
      return `${((t.ts - nav.ts) / 1000).toFixed(0)}:${d.toFixed(0)}${after ? "" : "(pre)"}{${label(ev, t, main)}}`;
    });
    console.log(`${"AB"[k]} TBT ${r.lhr.audits["total-blocking-time"].numericValue.toFixed(0)} est ${sum.toFixed(0)} | ${desc.join("  ")}`);
  }
} finally { await chrome.kill(); for (const s of servers) await s.close(); }
