/**
 * The data folder lock: one process at a time may open a data folder.
 *
 * The lock is a listening Unix-domain socket named after the folder's real path. The kernel closes it when its
 * owner dies, however it dies (kill -9, OOM, container stop), so a crash never leaves a lock behind and a reused
 * PID (routine after a container restart, where PIDs start again from 1) never blocks a start. On Linux the
 * socket lives in the abstract namespace (nothing on disk); elsewhere it is `mongod.sock` in the folder, and a
 * socket file nobody listens on (connection refused) is stale and taken over.
 *
 * `mongod.lock` still holds the owner's PID, for people and error messages only; it decides nothing.
 * Limit: abstract sockets are per network namespace, so two containers with separate network namespaces that
 * mount the same volume are not kept apart on Linux; run one store per volume.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, unlinkSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { join } from "node:path";

/** A held lock; {@link release} gives it back. */
export interface FolderLock {
  /** Stops listening (resolves once the name is free again) and removes the PID file. */
  release(): Promise<void>;
}

const held = new Set<string>();

function socketPathFor(dir: string): string {
  const real = realpathSync(dir);
  if (process.platform === "linux") return `\0balie-embedded-mongo-${createHash("sha256").update(real).digest("hex").slice(0, 32)}`;
  return join(real, "mongod.sock");
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ path, exclusive: true }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Whether something accepts connections at `path` (a live owner), as opposed to a stale socket file. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function ownerPid(dir: string): string {
  try {
    return readFileSync(join(dir, "mongod.lock"), "utf8").trim() || "?";
  } catch {
    return "?";
  }
}

/** Locks `dir` for this process; rejects with "in use by process N" when another live process holds it. */
export async function lockDataFolder(dir: string): Promise<FolderLock> {
  const path = socketPathFor(dir);
  if (held.has(path)) throw new Error(`data folder ${dir} is already open in this process`);
  const server = createServer((socket) => socket.destroy());
  try {
    await listen(server, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    if (path.startsWith("\0") || (await answers(path))) {
      throw new Error(`data folder ${dir} is in use by process ${ownerPid(dir)} (${join(dir, "mongod.lock")})`);
    }
    unlinkSync(path); // a socket file left by a dead owner
    await listen(server, path);
  }
  server.unref(); // the lock must not keep the process alive
  held.add(path);
  const pidFile = join(dir, "mongod.lock");
  writeFileSync(pidFile, String(process.pid));
  return {
    async release() {
      if (!held.has(path)) return;
      try {
        unlinkSync(pidFile);
      } catch {
        /* already gone */
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      held.delete(path);
    },
  };
}
