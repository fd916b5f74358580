/**
 * Vite builds of the browser code for browser tests, into temporary directories (a test never depends on, or
 * overwrites, a developer's `dist/`), built as users get them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type InlineConfig } from "vite";
import { ROOT_DIR } from "./server.js";

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

/** Builds every page and the embeddable widgets (`vite.config.ts`) into a temp dir; returns it and a cleanup. */
export async function buildClient(): Promise<{ outDir: string; cleanup: () => void }> {
  const outDir = mkdtempSync(path.join(tmpdir(), "balie-public-"));
  await viteBuild({ configFile: path.join(ROOT_DIR, "vite.config.ts"), build: { outDir, emptyOutDir: true } });
  return { outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
