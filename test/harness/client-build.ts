/**
 * Vite builds of the browser code for browser tests, into temporary directories (a test never depends on, or
 * overwrites, a developer's `dist/`), built as users get them.
 *
 * Under `npm test` the e2e project builds once per run ({@link ./client-build.global.ts}) and every browser test
 * file serves that one build; code outside that project (a bench, another project) builds for itself.
 */
import { rmSync } from "node:fs";
import { inject } from "vitest";
import { buildClientInto } from "./vite-build.js";

export { viteBuild } from "./vite-build.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Output directory of the run's shared client build; empty when no global setup built one. */
    clientBuildDir: string;
  }
}

/**
 * The built client for a browser test: the run's shared build when there is one (cleanup then leaves it alone,
 * other files still serve it), else a build of its own. Tests must treat `outDir` as read-only.
 */
export async function buildClient(): Promise<{ outDir: string; cleanup: () => void }> {
  const shared = sharedBuildDir();
  if (shared) return { outDir: shared, cleanup: () => undefined };
  const outDir = await buildClientInto();
  return { outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

function sharedBuildDir(): string {
  try {
    return inject("clientBuildDir") ?? "";
  } catch {
    return ""; // outside a Vitest worker (e.g. a bench script importing the harness)
  }
}
