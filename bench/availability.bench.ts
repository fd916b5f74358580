/**
 * Availability idle-channel benchmark: N idle SSE connections (default 5,000) to one Balie process, then the
 * availability flips (capacity → 0 and back) and we measure how long until every connection has the change
 * (p50/p99/max, from the moment the bench tells the server), and the server's heap and RSS per idle
 * connection (delta after a forced GC, divided by N), extrapolated to 40,000.
 *
 * The server is a child process (`--expose-gc`) running this same file with BALIE_BENCH_ROLE=server: an
 * in-memory Balie on a ManualClock pinned to a Wednesday 10:00 in Amsterdam, with an injected capacity
 * source the bench flips over IPC (it then emits `presence.changed`, as chat presence does). The bench process
 * holds the N client sockets (raw TCP, one GET each).
 *
 * Run: `npm run bench availability` or `node --import tsx bench/availability.bench.ts [N]`.
 */
import { fork, type ChildProcess } from "node:child_process";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROLE = process.env.BALIE_BENCH_ROLE;
const HERE = fileURLToPath(import.meta.url);

type ToServer = { type: "memory" } | { type: "capacity"; value: number };
type FromServer =
  | { type: "ready"; port: number }
  | { type: "pushed"; ms: number; writeMs: number }
  | { type: "memory"; heapUsed: number; rss: number; external: number; arrayBuffers: number; clients: number };

// ---------------------------------------------------------------------------------------------------------
// Server role

async function serve(): Promise<void> {
  const { loadConfig } = await import("../server/src/config/env.js");
  const { ManualClock, setClock } = await import("../server/src/infra/clock.js");
  const { startServer } = await import("../server/src/server.js");
  setClock(new ManualClock(new Date("2026-01-14T10:00:00+01:00")));
  let capacity = 1;
  const config = loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", SEED_DEMO: "false", LIMIT_STREAMS_PER_ADDRESS: "1000000", LIMIT_SOCKETS_PER_ADDRESS: "1000000" });
  const server = await startServer(config, { inMemoryStore: true, availability: { freeCapacity: async () => capacity } });
  const send = (m: FromServer) => process.send!(m);
  let flippedAt = 0;
  // Registered after the hub's listener, so this runs once every stream has been written to.
  let writeStart = 0;
  server.availability.service.onChange(() => send({ type: "pushed", ms: performance.now() - flippedAt, writeMs: performance.now() - writeStart }));
  const broadcast = server.availability.hub.broadcast.bind(server.availability.hub);
  server.availability.hub.broadcast = (frame: string) => {
    writeStart = performance.now();
    broadcast(frame);
  };
  process.on("message", (m: ToServer) => {
    if (m.type === "capacity") {
      flippedAt = performance.now();
      capacity = m.value;
      server.bus.emit("presence.changed", { agentId: "bench" });
    } else if (m.type === "memory") {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) gc?.();
      const mu = process.memoryUsage();
      send({ type: "memory", heapUsed: mu.heapUsed, rss: mu.rss, external: mu.external, arrayBuffers: mu.arrayBuffers, clients: server.availability.hub.size });
    }
  });
  process.on("disconnect", () => void server.stop().then(() => process.exit(0)));
  send({ type: "ready", port: server.port });
}

// ---------------------------------------------------------------------------------------------------------
// Bench role

function request<T extends FromServer["type"]>(child: ChildProcess, msg: ToServer | null, type: T): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (m: FromServer) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m as Extract<FromServer, { type: T }>);
    };
    child.on("message", onMessage);
    if (msg) child.send(msg);
  });
}

interface Conn {
  socket: Socket;
  /** performance.now() of the arrival of the k-th occurrence of each marker (`<marker>#<k>`). */
  seen: Map<string, number>;
  /** Occurrences so far per marker index. */
  counts: number[];
}

const MARKERS = ['"reason":"open"', '"reason":"no_agent"'];
const MARKER_BYTES = MARKERS.map((m) => Buffer.from(m, "latin1"));

function openConnection(port: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const conn: Conn = { socket: connect({ port, host: "127.0.0.1" }), seen: new Map(), counts: MARKERS.map(() => 0) };
    let resolved = false;
    conn.socket.setNoDelay(true);
    conn.socket.once("error", reject);
    conn.socket.on("data", (chunk: Buffer) => {
      const t = performance.now();
      // Markers are counted per occurrence: "open" appears first on connect and again after the flip back.
      MARKER_BYTES.forEach((m, mi) => {
        for (let i = chunk.indexOf(m); i !== -1; i = chunk.indexOf(m, i + 1)) conn.seen.set(`${MARKERS[mi]}#${conn.counts[mi]!++}`, t);
      });
      if (!resolved && conn.seen.size > 0) {
        resolved = true;
        resolve(conn);
      }
    });
    conn.socket.write("GET /api/v1/availability/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
  });
}

function stats(values: number[]): { p50: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50: at(50), p99: at(99), max: s[s.length - 1]! };
}

async function waitAll(conns: Conn[], key: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const missing = conns.filter((c) => !c.seen.has(key)).length;
    if (missing === 0 || performance.now() > deadline) return missing;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function run(n = Number(process.env.BENCH_CONNECTIONS ?? 5_000)): Promise<void> {
  const started = performance.now();
  const child = fork(HERE, [], {
    execArgv: ["--expose-gc", "--import", "tsx"],
    env: { ...process.env, BALIE_BENCH_ROLE: "server" },
    cwd: path.resolve(path.dirname(HERE), ".."),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { port } = await request(child, null, "ready");
    // Warm up the path (first-request JIT and lazy allocations are not per-connection cost).
    const warm = await Promise.all(Array.from({ length: 50 }, () => openConnection(port)));
    for (const c of warm) c.socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const before = await request(child, { type: "memory" }, "memory");

    const conns: Conn[] = [];
    const connectStart = performance.now();
    for (let i = 0; i < n; i += 250) {
      const batch = await Promise.all(Array.from({ length: Math.min(250, n - i) }, () => openConnection(port)));
      conns.push(...batch);
    }
    const connectMs = performance.now() - connectStart;
    await new Promise((r) => setTimeout(r, 500));
    const after = await request(child, { type: "memory" }, "memory");

    const flips: Array<{ label: string; key: string; value: number }> = [
      { label: "capacity → 0 (no_agent)", key: `${MARKERS[1]}#0`, value: 0 },
      { label: "capacity → 1 (open)", key: `${MARKERS[0]}#1`, value: 1 },
    ];
    const rows: string[] = [];
    for (const flip of flips) {
      const t0 = performance.now();
      const pushed = request(child, null, "pushed");
      child.send({ type: "capacity", value: flip.value } satisfies ToServer);
      const missing = await waitAll(conns, flip.key, 10_000);
      const lat = stats(conns.filter((c) => c.seen.has(flip.key)).map((c) => c.seen.get(flip.key)! - t0));
      const server = await pushed;
      rows.push(
        `| ${flip.label} | ${n - missing}/${n} | ${lat.p50.toFixed(1)} | ${lat.p99.toFixed(1)} | ${lat.max.toFixed(1)} | ${server.ms.toFixed(1)} (${server.writeMs.toFixed(1)}) |`,
      );
    }

    const heapPer = (after.heapUsed - before.heapUsed) / n;
    const rssPer = (after.rss - before.rss) / n;
    const extPer = (after.external - before.external) / n;
    console.log(`Idle SSE connections: ${after.clients} open on the server (N = ${n}), connected in ${connectMs.toFixed(0)} ms\n`);
    console.log("| flip | received | p50 ms | p99 ms | max ms | server: flip → all written ms (of which writing) |\n| --- | --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(r);
    console.log("\n| memory (server, after GC) | per idle connection | at 40,000 connections |\n| --- | --- | --- |");
    console.log(`| heapUsed delta | ${(heapPer / 1024).toFixed(2)} KB | ${((heapPer * 40_000) / 1024 / 1024).toFixed(0)} MB |`);
    console.log(`| external delta | ${(extPer / 1024).toFixed(2)} KB | ${((extPer * 40_000) / 1024 / 1024).toFixed(0)} MB |`);
    console.log(`| RSS delta | ${(rssPer / 1024).toFixed(2)} KB | ${((rssPer * 40_000) / 1024 / 1024).toFixed(0)} MB |`);
    console.log(`\n(heap before ${(before.heapUsed / 1048576).toFixed(1)} MB, after ${(after.heapUsed / 1048576).toFixed(1)} MB; RSS before ${(before.rss / 1048576).toFixed(1)} MB, after ${(after.rss / 1048576).toFixed(1)} MB; total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const c of conns) c.socket.destroy();
  } finally {
    child.disconnect();
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 10_000);
      child.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

if (ROLE === "server") {
  await serve();
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run(process.argv[2] ? Number(process.argv[2]) : undefined);
  process.exit(0);
}
