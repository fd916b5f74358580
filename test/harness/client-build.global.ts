/**
 * Vitest global setup of the e2e project: one Vite build of the client per run, shared by every browser test
 * file through `inject("clientBuildDir")` (see {@link buildClient}), removed when the run ends.
 */
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { buildClientInto } from "./vite-build.js";

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = await buildClientInto();
  project.provide("clientBuildDir", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
