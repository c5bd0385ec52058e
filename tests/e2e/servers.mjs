// Test servers, loopback only: a static file server for dist/ (optionally under a sub-path, with
// or without an SPA fallback, with a CSP header), and the sign-up test receiver.
// `node tests/e2e/servers.mjs serve dist 8080` is what `make serve` runs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json",
  ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png",
  ".txt": "text/plain; charset=utf-8", ".ics": "text/calendar",
};

function listen(server, port = 0) {
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address().port)));
}

/** Serves `root` at `prefix`. spaFallback: unknown paths get index.html (200); otherwise 404.html (404). */
export async function startStatic({ root, prefix = "/", spaFallback = true, headers = {}, port = 0, log = null, override = null } = {}) {
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
      const h = { "content-type": TYPES[ext] || "application/octet-stream", "cache-control": "no-cache", ...headers };
      if (enc) h["content-encoding"] = enc;
      h["content-length"] = fs.statSync(body).size;
      res.writeHead(status, h);
      if (req.method === "HEAD") { res.end(); return; }
      fs.createReadStream(body).pipe(res);
    };
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(file, 200);
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

/**
 * The sign-up receiver: records every POST by Idempotency-Key, answers as told.
 * Modes: "ok" (201 confirmed), "accept" (202), "fail" (500), "reject" (422), "stall" (never answers),
 * "down" (drops the connection).
 */
export async function startReceiver() {
  const state = { mode: "ok", requests: [], accepted: new Map() };
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type, idempotency-key",
  };
  const server = http.createServer((req, res) => {
    if (req.method === "OPTIONS") { res.writeHead(204, cors); res.end(); return; }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const key = req.headers["idempotency-key"] || "";
      const mode = state.mode;
      state.requests.push({ key, body, mode });
      if (mode === "stall") return; // never answer
      if (mode === "down") { req.socket.destroy(); return; }
      if (mode === "fail") { res.writeHead(500, cors); res.end('{"error":"server"}'); return; }
      if (mode === "reject") { res.writeHead(422, { ...cors, "content-type": "application/json" }); res.end('{"error":"invalid","message":"This department is closed for sign-ups"}'); return; }
      let parsed = {};
      try { parsed = JSON.parse(body); } catch { res.writeHead(400, cors); res.end('{"error":"bad json"}'); return; }
      // Exactly once: the first body for a key is kept; a repeat gets the same answer.
      if (!state.accepted.has(key)) state.accepted.set(key, parsed);
      const status = mode === "accept" ? 202 : 201;
      res.writeHead(status, { ...cors, "content-type": "application/json" });
      res.end(JSON.stringify({ status: mode === "accept" ? "received" : "confirmed", id: key }));
    });
  });
  const port = await listen(server);
  return {
    state,
    url: `http://127.0.0.1:${port}/signups`,
    setMode: (m) => (state.mode = m),
    /** Sign-ups received, one per key (what the coordinator sees). */
    received: () => [...state.accepted.values()].filter((b) => b.action !== "withdraw"),
    close: () => { server.closeAllConnections?.(); return new Promise((r) => server.close(r)); },
  };
}

if (process.argv[2] === "serve") {
  const root = process.argv[3] || "dist";
  const port = Number(process.argv[4] || 8080);
  const s = await startStatic({ root, port });
  console.log(`serving ${root} at http://127.0.0.1:${s.port}/ (Ctrl-C to stop)`);
}
