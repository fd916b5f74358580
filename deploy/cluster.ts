/**
 * `npm run cluster`: the production topology on one machine, to look at and to try failures by hand — the same
 * parts the proxied cluster test uses (test/e2e/cluster/proxied-cluster.test.ts):
 * - the embedded store in this process (data in ./data/cluster/store), standing in for a replica set;
 * - redis-server with persistence (./data/cluster/redis);
 * - two Balie nodes from the compiled build (`npm run build` first) in production mode, with the simulator;
 * - HAProxy with deploy/haproxy.cfg on http://localhost:8080 (CLUSTER_PORT to change it).
 * Node logs go to ./data/cluster/node-<n>.log. Ctrl+C stops everything. Try `kill -9` on a node's pid (printed).
 * Demo data is seeded once, on the first start (the seed command in development mode; production never seeds);
 * `npm run migrate` (compiled) syncs the indexes on every start, before the nodes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedMongo } from "../server/src/infra/embedded-mongo/index.js";

const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "dist/server/src/main.js");
if (!existsSync(entry)) {
  console.error("No compiled build: run `npm run build` first.");
  process.exit(1);
}
const dir = path.join(root, "data/cluster");
for (const sub of ["store", "redis"]) mkdirSync(path.join(dir, sub), { recursive: true });
const proxyPort = Number(process.env.CLUSTER_PORT ?? 8080);
const nodePorts = [proxyPort + 1, proxyPort + 2];
const redisPort = proxyPort + 3;
const children: ChildProcess[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = createWriteStream(path.join(dir, log), { flags: "a" });
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up (${url})`);
}

const store = await startEmbeddedMongo({ dataDir: path.join(dir, "store") });
run("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--appendonly", "yes", "--dir", path.join(dir, "redis")], {}, "redis.log");
const publicUrl = `http://localhost:${proxyPort}`;
const mongoUri = store.uri.replace("/?", "/balie?");
const seededMarker = path.join(dir, "seeded");
if (!existsSync(seededMarker)) {
  // Not spawnSync: the store lives in this process and must keep serving while the seed writes to it.
  const seed = spawn(process.execPath, ["--import", "tsx", "server/src/seed/cli.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", MONGODB_URI: mongoUri, PUBLIC_URL: publicUrl },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => seed.once("exit", resolve));
  if (code !== 0) throw new Error("seeding the demo data failed");
  writeFileSync(seededMarker, new Date().toISOString());
}
const nodeEnv = (port: number): NodeJS.ProcessEnv => ({
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: String(port),
  PUBLIC_URL: publicUrl,
  ALLOW_INSECURE_PUBLIC_URL: "true",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "cluster-demo-secret-only-for-this-machine-000",
  MONGODB_URI: mongoUri,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  SMTP_URL: process.env.SMTP_URL ?? "smtp://127.0.0.1:2525",
  EH_SIMULATOR: "true",
  EH_SIMULATOR_ALLOW_IN_PRODUCTION: "true",
  TRUST_PROXY: "1",
  SHUTDOWN_DRAIN_MS: "3000",
});
// As in the compose file: indexes first (production nodes refuse to start without them), then the nodes.
const migrate = spawn(process.execPath, [path.join(root, "dist/server/src/migrate/cli.js")], { cwd: root, env: { ...process.env, ...nodeEnv(nodePorts[0]!) }, stdio: "inherit" });
if ((await new Promise<number | null>((resolve) => migrate.once("exit", resolve))) !== 0) throw new Error("npm run migrate failed");
const nodes = nodePorts.map((port, i) => run(process.execPath, [entry], nodeEnv(port), `node-${i + 1}.log`));
await Promise.all(nodePorts.map((port, i) => waitFor(`http://127.0.0.1:${port}/readyz`, `node ${i + 1}`)));
run("haproxy", ["-f", path.join(root, "deploy/haproxy.cfg"), "-db"], {
  BALIE_PROXY_BIND: `127.0.0.1:${proxyPort}`,
  BALIE_NODE_1: `127.0.0.1:${nodePorts[0]}`,
  BALIE_NODE_2: `127.0.0.1:${nodePorts[1]}`,
  BALIE_PROXY_MAXCONN: "4000",
}, "haproxy.log");
await waitFor(`http://127.0.0.1:${proxyPort}/readyz`, "haproxy");

console.log(`Balie cluster on ${publicUrl} (HAProxy → nodes on ${nodePorts.join(", ")}; Redis ${redisPort}; store ${store.uri.replace(/:[^:@/]+@/, ":***@")})`);
nodes.forEach((n, i) => console.log(`  node ${i + 1}: pid ${n.pid}, log data/cluster/node-${i + 1}.log`));
console.log("Ctrl+C stops everything.");

let stopping = false;
const stopAll = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) child.kill("SIGTERM");
  // The nodes drain for 3 s (SHUTDOWN_DRAIN_MS) before they let go of the store.
  setTimeout(() => void store.close().then(() => process.exit(0)), 4_000);
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
