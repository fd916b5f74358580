/**
 * `npm run db` (the embedded store as its own process) for tests: start it on a data folder, read the URI it
 * prints, and kill it the hard way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const cli = join(root, "server/src/infra/embedded-mongo/cli.ts");

/** Starts `npm run db`'s entry point as a child process and resolves with the URI it prints. */
export function startDb(dataDir: string): Promise<{ child: ChildProcess; uri: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", cli], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`store did not print a URI in time: ${err}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("mongodb://"));
      if (line) {
        clearTimeout(timer);
        resolvePromise({ child, uri: line.trim() });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`store exited early with ${String(code)}: ${err}`));
    });
  });
}

export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once("exit", () => r());
    child.kill("SIGKILL");
  });
}

