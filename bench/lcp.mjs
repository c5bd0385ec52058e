// The browser's own largest-contentful-paint entries per route (PerformanceObserver), in Debian's
// headless Chromium on a 412 px phone viewport with the CPU slowed 4x, against the release dist/
// on loopback: which element was the largest paint, and when. Lighthouse's LCP is a simulation
// of slow 4G built from a trace; this is what the page itself reports.
// Usage: node bench/lcp.mjs [route ...]
import { launch, phone, DIST } from "../tests/e2e/harness.mjs";
import { startStatic } from "../tests/e2e/servers.mjs";

const routes = process.argv.length > 2 ? process.argv.slice(2)
  : ["", "tak", "tak/tak-1", "tak/tak-1/signup", "services", "services/svc-1", "map", "my", "programme", "about"];
const server = await startStatic({ root: DIST });
const browser = await launch();
console.log("| route | largest paint | when | element | in the static shell |");
console.log("|---|---|---|---|---|");
for (const route of routes) {
  const context = await phone(browser);
  await context.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__lcp.push({
      at: e.startTime, size: e.size, tag: e.element?.tagName.toLowerCase() ?? "(removed)",
      cls: e.element?.className ?? "", shell: !!e.element?.closest("#shell"),
    }))).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(server.url + route);
  await page.waitForTimeout(3000);
  const last = (await page.evaluate(() => window.__lcp)).at(-1);
  console.log(`| /${route} | ${last.size} px² | ${last.at.toFixed(0)} ms | ${last.tag}${last.cls ? "." + last.cls.split(" ")[0] : ""} | ${last.shell ? "yes" : "no"} |`);
  await context.close();
}
await browser.close();
await server.close();
