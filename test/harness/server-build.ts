/**
 * The compiled server as `npm run build` makes it (tsc with tsconfig.build.json), into a temporary directory
 * inside the repository (so the compiled files resolve `node_modules`), with the client build linked in as
 * `dist/public`. Run it with `spawnServer(env, { compiledEntry, cwd })`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerBuild {
  /** Working directory for the processes (holds `dist/public`). */
  cwd: string;
  /** `<cwd>/server/src/main.js`. */
  entry: string;
  cleanup(): void;
}

export async function buildServer(clientDir: string): Promise<ServerBuild> {
  const outDir = mkdtempSync(path.join(ROOT, ".build-test-"));
  await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", outDir], {
    cwd: ROOT,
  });
  mkdirSync(path.join(outDir, "dist"));
  symlinkSync(clientDir, path.join(outDir, "dist/public"), "dir");
  return { cwd: outDir, entry: path.join(outDir, "server/src/main.js"), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
