import { defineConfig } from "vitest/config";

// Four projects: fast unit tests beside the code, the MongoDB conformance suite, integration tests against a
// listening server (HTTP, socket.io-client, harness redis-server) and browser tests in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["server/src/**/*.test.ts", "client/**/*.test.ts", "widgets/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "conformance",
          include: ["test/conformance/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // One Vite build of the client per run, shared by every browser test file.
          globalSetup: ["test/harness/client-build.global.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
