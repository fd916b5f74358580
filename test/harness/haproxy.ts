/**
 * A real HAProxy (Debian's package) in front of Balie nodes, with the repository's own `deploy/haproxy.cfg`
 * (the file compose.yaml uses), in the foreground so the test owns the process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getFreePort } from "./ports.js";

const CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../deploy/haproxy.cfg");

export interface TestProxy {
  /** `http://localhost:<port>` (localhost: a secure context, so Chromium keeps production's Secure cookies). */
  readonly url: string;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts HAProxy for `nodes` (host:port each, exactly two as in deploy/haproxy.cfg) on `port` (default: a free one). */
export async function startHaproxy(nodes: readonly [string, string], port?: number): Promise<TestProxy> {
  port ??= await getFreePort();
  let output = "";
  const child: ChildProcess = spawn("haproxy", ["-f", CONFIG, "-db"], {
    // maxconn within this machine's hard limit of 20,000 open files (about 2 per proxied connection).
    env: { ...process.env, BALIE_PROXY_BIND: `127.0.0.1:${port}`, BALIE_NODE_1: nodes[0], BALIE_NODE_2: nodes[1], BALIE_PROXY_MAXCONN: "4000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`haproxy not answering:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
