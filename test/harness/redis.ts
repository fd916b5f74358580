import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { getFreePort } from "./ports.js";

/** A redis-server child process owned by the calling test file. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** SIGTERM and wait for exit. Idempotent. */
  stop(): Promise<void>;
  /**
   * Stop (if running) and start again on the same port — with empty data, or with what it had when started
   * with `persistDir` (as production runs it). Resolves once it answers PING.
   */
  restart(): Promise<void>;
  /** SIGKILL (simulates a crash) and wait for exit. */
  kill(): Promise<void>;
}

/** Options for {@link startRedis}. */
export interface StartRedisOptions {
  /** Fixed port; a free one by default. */
  port?: number;
  /** Milliseconds to wait for PING (default 10 s). */
  readyTimeoutMs?: number;
  /** Keep data in this folder (append-only file, fsync every write) so a restart keeps sessions; default none. */
  persistDir?: string;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test forgot stop(): never leave redis-server processes behind.
  process.once("exit", () => {
    for (const child of children) child.kill("SIGKILL");
  });
}

/**
 * Starts `redis-server --port P --save "" --appendonly no` (no persistence) on a free port and waits until it
 * answers PING. Stop it in `afterAll`.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  installExitHook();
  const port = options.port ?? (await getFreePort());
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let child: ChildProcess | undefined;

  const launch = async () => {
    const proc = spawn(
      "redis-server",
      [
        "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--loglevel", "warning",
        ...(options.persistDir ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", options.persistDir] : ["--appendonly", "no"]),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    proc.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    proc.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    children.add(proc);
    proc.once("exit", () => children.delete(proc));
    child = proc;
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await ping(port))) {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`redis-server exited (${proc.exitCode ?? proc.signalCode}): ${output.trim()}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING: ${output.trim()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const terminate = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    await exited;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => terminate("SIGTERM"),
    kill: () => terminate("SIGKILL"),
    async restart() {
      await terminate("SIGTERM");
      await launch();
    },
  };
}

/** Raw RESP PING over TCP (no client library, no retries). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let data = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      data += chunk.toString();
      if (data.includes("\r\n")) done(data.startsWith("+PONG"));
    });
  });
}
