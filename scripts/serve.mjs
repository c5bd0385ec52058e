// What `make serve` runs: the release app from dist/ at http://127.0.0.1:PORT, and the sign-up
// server (target/release/tak-server) beside it on PORT+1, its SQLite database in target/serve/.
// The app's config.json is answered with the server's addresses, so a newcomer's sign-up lands
// in a real database (read it with `DATABASE_URL=sqlite://target/serve/signups.db tak-server export`).
//   node scripts/serve.mjs dist 8080
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startStatic, startTakServer } from "../tests/e2e/servers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.argv[2] || "dist";
const port = Number(process.argv[3] || 8080);
// (TAK_SERVE_DIR: another folder for the database, as the end-to-end test of this script uses.)
const data = process.env.TAK_SERVE_DIR || path.join(root, "target/serve");
fs.mkdirSync(data, { recursive: true });

const server = await startTakServer({
  bin: process.env.TAK_SERVER || path.join(root, "target/release/tak-server"),
  catalog: path.join(dist, "catalog.json"),
  database: `sqlite://${path.join(data, "signups.db")}?mode=rwc`,
  origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  port: port + 1,
  quiet: false,
});
const config = {
  ...JSON.parse(fs.readFileSync(path.join(dist, "config.json"), "utf8")),
  signup_url: server.url,
  availability_url: server.availability,
};
const override = (req, res, url) => {
  if (url.pathname !== "/config.json") return false;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
  res.end(JSON.stringify(config));
  return true;
};
const app = await startStatic({ root: dist, port, override });
console.log(`app at http://127.0.0.1:${app.port}/ ; sign-ups to ${server.url} (target/serve/signups.db). Ctrl-C stops both.`);

// With the sample catalog, a demonstration coordinator for its departments, ready to log in at
// the desk (no password change asked); made again, with a new password, at every start.
const catalog = JSON.parse(fs.readFileSync(path.join(dist, "catalog.json"), "utf8"));
if (catalog.x_sample) {
  const departments = (catalog.x_tak_departments || []).map((d) => d.id).join(",");
  const demo = server.coordinator("add", "demo", "--name", "Demo coordinator", "--departments", departments, "--demo-password", crypto.randomBytes(9).toString("base64url"));
  console.log(`\nThe coordinators' desk: http://127.0.0.1:${app.port}/desk/ (sample departments)\nuser: ${demo.user}\npassword: ${demo.password}`);
}
const stop = async () => { await server.close(); await app.close(); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
