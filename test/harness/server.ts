import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_VARIABLES, loadConfig, type Config } from "../../server/src/config/env.js";
import type { Logger } from "../../server/src/infra/logger.js";
import { startServer, type RunningServer } from "../../server/src/server.js";
import { getFreePort } from "./ports.js";

/** Repository root (where package.json lives). */
export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));

type Env = Record<string, string | undefined>;

/** A Balie running inside the test process. */
export interface TestServer extends RunningServer {
  readonly config: Config;
}

/** Options for {@link startTestServer} beyond environment overrides. */
export interface TestServerOptions {
  /** Serve this Vite build instead of `dist/public` (e.g. a fresh build in a temp dir). */
  publicDir?: string;
  /** Capture or show logs; silent by default (set `LOG_LEVEL` in overrides for a level). */
  logger?: Logger;
}

/**
 * Starts Balie in-process on a free port (127.0.0.1, port 0) with NODE_ENV=test, an in-memory embedded store
 * and no demo seed. `overrides` are environment variables (`{ SEED_DEMO: "true", REDIS_URL: redis.url }`).
 * Stop it with `await server.stop()` in `afterAll`.
 *
 * mongoose models use mongoose's default connection, so one in-process server per test file (vitest runs each
 * file in its own process). For several Balie processes use {@link spawnServer}.
 */
export async function startTestServer(overrides: Env = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    ...overrides,
  });
  const server = await startServer(config, {
    inMemoryStore: true,
    publicDir: options.publicDir ?? path.join(ROOT_DIR, "dist/public"),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return Object.assign(server, { config });
}

/** A Balie child process (`node --import tsx server/src/main.ts`). */
export interface SpawnedServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** DATA_DIR of its embedded store; reuse it to restart "the same" server (`spawnServer({ DATA_DIR })`). */
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ExitInfo>;
  /** Sends `signal` (SIGTERM by default) and waits for exit. */
  stop(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** `kill -9` and wait for exit. */
  kill(): Promise<ExitInfo>;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options for {@link spawnServer}. */
export interface SpawnServerOptions {
  /** Wait for `/readyz` 200 before resolving (default true). */
  waitForReady?: boolean;
  /** Run this compiled entry (`<build>/server/src/main.js`, as `npm run start:prod` does) instead of the sources. */
  compiledEntry?: string;
  /** Working directory of the process (where `dist/public` is looked up); default the repository. */
  cwd?: string;
  /** Default 30 s. */
  readyTimeoutMs?: number;
}

const spawned = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of spawned) child.kill("SIGKILL");
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * The environment a child Balie sees: the parent's environment without any Balie variable (so a developer's
 * MONGODB_URI or REDIS_URL never leaks into a test), then test defaults, then `env`.
 */
function childEnv(env: Env, defaults: Env): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete base[name];
  const merged: NodeJS.ProcessEnv = { ...base, ...defaults };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * Runs Balie as a child process, for kill -9, restart and multi-node tests. Defaults: NODE_ENV=test,
 * HOST=127.0.0.1, a free PORT, LOG_LEVEL=warn, SEED_DEMO=false and a fresh temporary DATA_DIR (removed when
 * the test process exits). Resolves once `/readyz` answers 200; rejects with the child's output if it exits
 * first.
 */
export async function spawnServer(env: Env = {}, options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  installExitHook();
  const port = env.PORT ? Number(env.PORT) : await getFreePort();
  let dataDir = env.DATA_DIR;
  if (!dataDir) {
    dataDir = mkdtempSync(path.join(tmpdir(), "balie-data-"));
    tempDirs.add(dataDir);
  }
  const child = spawn(process.execPath, options.compiledEntry ? [options.compiledEntry] : ["--import", "tsx", "server/src/main.ts"], {
    cwd: options.cwd ?? ROOT_DIR,
    env: childEnv(env, {
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      SEED_DEMO: "false",
      DATA_DIR: dataDir,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.add(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<ExitInfo>((resolve) =>
    child.once("exit", (code, signal) => {
      spawned.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const server: SpawnedServer = {
    url,
    port,
    pid: child.pid ?? -1,
    dataDir,
    child,
    output: () => output,
    exited,
    stop: (signal = "SIGTERM") => signalAndWait(signal),
    kill: () => signalAndWait("SIGKILL"),
  };
  if (options.waitForReady === false) return server;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let exitInfo: ExitInfo | undefined;
  void exited.then((info) => (exitInfo = info));
  for (;;) {
    if (exitInfo) throw new Error(`server exited (${exitInfo.code ?? exitInfo.signal}) before ready:\n${output}`);
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`server not ready within ${options.readyTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Result of {@link runMain}. */
export interface RunResult extends ExitInfo {
  stdout: string;
  stderr: string;
}

/**
 * Runs `server/src/main.ts` with `env` (same clean environment as {@link spawnServer}, without its defaults
 * except LOG_LEVEL=warn) and waits for it to exit; kills it after `timeoutMs` (default 20 s). For startup
 * failures such as invalid configuration.
 */
export function runMain(env: Env, timeoutMs = 20_000): Promise<RunResult> {
  return runScript("server/src/main.ts", env, timeoutMs);
}

/**
 * Runs one of Balie's entry points (`server/src/seed/cli.ts`, …) with `args` to its exit with `env`; like
 * {@link runMain}.
 */
export async function runScript(script: string, env: Env, timeoutMs = 20_000, args: string[] = []): Promise<RunResult> {
  installExitHook();
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT_DIR,
    env: childEnv(env, { LOG_LEVEL: "warn" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const { code, signal } = await new Promise<ExitInfo>((resolve) =>
    child.once("exit", (c, s) => resolve({ code: c, signal: s })),
  );
  clearTimeout(timer);
  spawned.delete(child);
  return { code, signal, stdout, stderr };
}
