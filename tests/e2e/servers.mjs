// Test servers, loopback only: a static file server for dist/ (optionally under a sub-path, with
// or without an SPA fallback, with a CSP header), the real sign-up server (server/, on a fresh
// SQLite file), and a receiver that misbehaves on purpose in front of it.
// `scripts/serve.mjs` (what `make serve` runs) uses the first two.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json",
  ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png",
  ".txt": "text/plain; charset=utf-8", ".ics": "text/calendar",
};

function listen(server, port = 0) {
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address().port)));
}

/** The rules of a `_headers` file (Netlify's and Cloudflare Pages' format, public/_headers): a path
 * pattern (`*` any characters) on a line of its own, each header on an indented line below it.
 * Returns (path) => the headers of every rule that matches it. */
export function hostHeaders(file) {
  const rules = [];
  for (const line of fs.readFileSync(file, "utf-8").split("\n")) {
    if (line.startsWith("/")) {
      const pattern = new RegExp("^" + line.trim().split("*").map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, "\\$&")).join(".*") + "$");
      rules.push({ pattern, headers: {} });
    } else if (/^\s+\S/.test(line) && rules.length && line.includes(":")) {
      const at = line.indexOf(":");
      rules.at(-1).headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  return (pathname) => Object.assign({}, ...rules.filter((r) => r.pattern.test(pathname)).map((r) => r.headers));
}

/** Serves `root` at `prefix`. spaFallback: unknown paths get index.html (200); otherwise 404.html (404).
 * asHost: the headers of root's `_headers` file too (its cache lifetimes), as a static host sends them. */
export async function startStatic({ root, prefix = "/", spaFallback = true, headers = {}, port = 0, log = null, override = null, asHost = false } = {}) {
  const ruled = asHost && fs.existsSync(path.join(root, "_headers")) ? hostHeaders(path.join(root, "_headers")) : () => ({});
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (log) log.push(url.pathname);
    if (override && override(req, res, url)) return;
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end("not here"); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[\/\\])+/, ""));
    const send = (f, status) => {
      const ext = path.extname(f);
      const accept = req.headers["accept-encoding"] || "";
      let body = f, enc = null;
      if (accept.includes("br") && fs.existsSync(f + ".br")) { body = f + ".br"; enc = "br"; }
      else if (accept.includes("gzip") && fs.existsSync(f + ".gz")) { body = f + ".gz"; enc = "gzip"; }
      const h = { "content-type": TYPES[ext] || "application/octet-stream", "cache-control": "no-cache", ...ruled("/" + path.relative(root, f)), ...headers };
      if (enc) h["content-encoding"] = enc;
      h["content-length"] = fs.statSync(body).size;
      res.writeHead(status, h);
      if (req.method === "HEAD") { res.end(); return; }
      fs.createReadStream(body).pipe(res);
    };
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(file, 200);
    // A folder without its slash (the desk, at desk/): where every static host sends it.
    if (!rel.endsWith("/") && fs.existsSync(path.join(file, "index.html"))) {
      res.writeHead(301, { location: url.pathname + "/" + url.search }); res.end(); return;
    }
    if (spaFallback && !path.extname(rel)) return send(path.join(root, "index.html"), 200);
    const notFound = path.join(root, "404.html");
    if (fs.existsSync(notFound)) return send(notFound, 404);
    res.writeHead(404); res.end("not found");
  });
  const p = await listen(server, port);
  return {
    server, port: p, url: `http://127.0.0.1:${p}${prefix}`,
    close: () => { server.closeAllConnections?.(); return new Promise((r) => server.close(r)); },
  };
}

/** What the fault server can answer for the catalog (issue 9). */
export const FAULTS = ["malformed", "truncated", "empty", "wrong-types", "html-200", "404", "500", "slow", "huge", "ok"];

/**
 * dist/ with a catalog that misbehaves as told: `setMode(m)` with m from FAULTS.
 * "slow" answers after `slowMs`; "huge" streams 20 MB.
 */
export async function startFaultServer({ root, slowMs = 6000 } = {}) {
  const state = { mode: "ok" };
  const good = fs.readFileSync(path.join(root, "catalog.json"), "utf8");
  const override = (req, res, url) => {
    if (!url.pathname.endsWith("/catalog.json")) return false;
    const json = { "content-type": "application/json", "cache-control": "no-cache" };
    switch (state.mode) {
      case "malformed": res.writeHead(200, json); res.end('{"format_version": "1.0", "services": [ {"id": "x", name: }'); break;
      case "truncated": res.writeHead(200, json); res.end(good.slice(0, Math.floor(good.length / 2))); break;
      case "empty": res.writeHead(200, json); res.end(""); break;
      case "wrong-types": res.writeHead(200, json); res.end(JSON.stringify({ format_version: 1, services: [{ id: 5, name: ["x"] }], x_tak_departments: "none", locations: [{ id: "l", name: "n", latitude: "north" }] })); break;
      case "html-200": res.writeHead(200, { "content-type": "text/html" }); res.end("<!doctype html><html><body><h1>Gateway error</h1></body></html>"); break;
      case "404": res.writeHead(404, json); res.end('{"error":"not found"}'); break;
      case "500": res.writeHead(500, json); res.end('{"error":"server"}'); break;
      case "slow": setTimeout(() => { if (!res.destroyed) { res.writeHead(200, json); res.end(good); } }, slowMs); break;
      case "huge": {
        res.writeHead(200, json);
        const chunk = " ".repeat(1024 * 1024);
        let sent = 0;
        const pump = () => { while (sent < 20 && res.write(chunk)) sent++; if (sent >= 20) res.end(); else res.once("drain", () => { sent++; pump(); }); };
        res.write('{"format_version":"1.0","services":[');
        pump();
        break;
      }
      default: res.writeHead(200, json); res.end(good);
    }
    return true;
  };
  const s = await startStatic({ root, override });
  return { ...s, setMode: (m) => (state.mode = m) };
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

let databases = 0;

/**
 * A fresh database: a SQLite file in `dir`, or, under scripts/with-postgres.sh (which sets
 * TAK_TEST_POSTGRES to an admin URL), a new database in that throwaway PostgreSQL cluster.
 */
function freshDatabase(dir) {
  const admin = process.env.TAK_TEST_POSTGRES;
  if (!admin) return `sqlite://${path.join(dir, "signups.db")}?mode=rwc`;
  const name = `e2e_${process.pid}_${databases++}`;
  execFileSync("psql", [admin, "-q", "-c", `CREATE DATABASE ${name}`]);
  return `${admin.slice(0, admin.lastIndexOf("/"))}/${name}`;
}

/**
 * The sign-up server (`tak-server`, built by `make test-server` or `make server`) on its own
 * SQLite file, reading `catalog`, allowing `origins`. `exported()` is every stored sign-up, as the
 * coordinators' export prints them.
 */
export async function startTakServer({
  bin = process.env.TAK_SERVER || path.join(ROOT, "target/debug/tak-server"),
  catalog = path.join(ROOT, "public/catalog.json"),
  database = null, origins = ["*"], port = 0, env = {}, quiet = true,
} = {}) {
  const dir = database ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tak-e2e-"));
  const databaseUrl = database || freshDatabase(dir);
  const listen = port || (await freePort());
  const child = spawn(bin, [], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, CATALOG: catalog, LISTEN: `127.0.0.1:${listen}`,
      ALLOWED_ORIGINS: origins.join(","), RATE_PER_MINUTE: "100000", LOG: quiet ? "warn" : "info", ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${listen}`;
  const end = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tak-server exited (${child.exitCode}); is ${bin} built?`);
    try { if ((await fetch(`${base}/health`)).ok) break; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error("tak-server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, url: `${base}/signups`, availability: `${base}/availability`, databaseUrl,
    exported: () => execFileSync(bin, ["export"], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG: "warn" } })
      .toString().split("\n").filter(Boolean).map((l) => JSON.parse(l)),
    // `tak-server coordinator …` on this server's database: its printed `user:` and `password:`.
    coordinator: (...args) => {
      const out = execFileSync(bin, ["coordinator", ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, CATALOG: catalog, LOG: "warn" } }).toString();
      return Object.fromEntries([...out.matchAll(/^(user|password): (.*)$/gm)].map((m) => [m[1], m[2].trim()]));
    },
    close: () => new Promise((r) => {
      if (child.exitCode !== null) { r(); return; }
      child.once("exit", () => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); r(); });
      child.kill("SIGKILL");
    }),
  };
}

/**
 * The real sign-up server behind a proxy that misbehaves as told, so the app meets what a bad
 * network does while every sign-up that gets through lands in a real database.
 * Modes: "ok" (passed through), "fail" (500 without reaching the server), "stall" (reaches the
 * server, but the answer never comes back: the phone cannot know it landed), "down" (the
 * connection drops before the server sees it). `received()` is what the coordinators see;
 * `reset(mode, options)` starts over on an empty database (with other server options if given).
 */
export async function startReceiver(options = {}) {
  let upstream = await startTakServer(options);
  const state = { mode: "ok", requests: [] };
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": "content-type, idempotency-key",
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const url = new URL(req.url, "http://x");
      const mode = state.mode;
      if (req.method === "POST") state.requests.push({ key: req.headers["idempotency-key"] || "", body, mode });
      if (req.method === "OPTIONS" && mode !== "ok") { res.writeHead(204, cors); res.end(); return; }
      if (req.method === "POST" && mode === "down") { req.socket.destroy(); return; }
      if (req.method === "POST" && mode === "fail") { res.writeHead(500, cors); res.end('{"error":"server"}'); return; }
      let answer;
      try {
        answer = await fetch(upstream.base + url.pathname + url.search, {
          method: req.method,
          headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k))),
          body: ["GET", "HEAD", "OPTIONS"].includes(req.method) ? undefined : body,
        });
      } catch { req.socket.destroy(); return; }
      if (req.method === "POST" && mode === "stall") return; // landed, but the answer is lost
      const headers = {};
      answer.headers.forEach((v, k) => { if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(k)) headers[k] = v; });
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}`;
  return {
    state, base,
    url: `${base}/signups`,
    availability: `${base}/availability`,
    setMode: (m) => (state.mode = m),
    reset: async (mode = "ok", more = {}) => {
      state.requests.length = 0;
      state.mode = mode;
      await upstream.close();
      upstream = await startTakServer({ ...options, ...more });
    },
    /** Sign-ups stored, one row each (what the coordinator sees), without the withdrawn. */
    received: () => upstream.exported().filter((r) => r.state !== "withdrawn"),
    close: async () => { server.closeAllConnections?.(); await new Promise((r) => server.close(r)); await upstream.close(); },
  };
}
