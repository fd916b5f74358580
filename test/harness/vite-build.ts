/**
 * Vite builds of the browser code, without Vitest imports so that the e2e global setup (which runs in Vitest's
 * main process) can use them too.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type InlineConfig } from "vite";

const ROOT_DIR = path.resolve(import.meta.dirname, "../..");

/**
 * Runs one Vite build in production mode. Vitest sets NODE_ENV=test, and Vite picks the `development` or
 * `production` export conditions from NODE_ENV: left alone, tests would ship Lit's development build (about
 * 4 KB gzip more, dev warnings) instead of what `npm run build` ships.
 */
export async function viteBuild(config: InlineConfig): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ logLevel: "warn", ...config, mode: "production" });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** Builds every page and the embeddable widgets (`vite.config.ts`) into `outDir` (default: a new temp dir). */
export async function buildClientInto(outDir = mkdtempSync(path.join(tmpdir(), "balie-public-"))): Promise<string> {
  await viteBuild({ configFile: path.join(ROOT_DIR, "vite.config.ts"), build: { outDir, emptyOutDir: true } });
  return outDir;
}
