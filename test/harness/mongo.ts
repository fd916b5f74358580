// Where the MongoDB conformance suite runs: a real MongoDB when MONGODB_URI is set, otherwise Balie's embedded
// MongoDB-compatible store, started in memory on a free port for the calling test file.
import { randomBytes } from "node:crypto";

export type ConformanceKind = "embedded" | "external";

export interface ConformanceTarget {
  /** A mongodb:// URI the official driver and mongoose can connect to. */
  uri: string;
  /** "external" when MONGODB_URI pointed at a real MongoDB, "embedded" for Balie's own store. */
  kind: ConformanceKind;
  /** Stops the embedded store; a no-op for an external server (it is shared, we only drop our own databases). */
  close(): Promise<void>;
  /**
   * Embedded store only, when it exposes one: run its TTL monitor now instead of waiting for the next pass.
   * Tests must assert the same MongoDB behaviour with or without it (a real mongod sweeps every 60 s).
   */
  ttlSweep?: () => Promise<void>;
}

export async function conformanceTarget(): Promise<ConformanceTarget> {
  const external = process.env.MONGODB_URI?.trim();
  if (external) {
    return { uri: external, kind: "external", close: async () => {} };
  }
  const { startEmbeddedMongo } = await import("../../server/src/infra/embedded-mongo/index.js");
  const store = await startEmbeddedMongo({ dataDir: null });
  let closed = false;
  const target: ConformanceTarget = {
    uri: store.uri,
    kind: "embedded",
    close: async () => {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
  // Not part of the public store API: use the TTL trigger only if this build of the store happens to expose one.
  // CONFORMANCE_TTL_TRIGGER=0 leaves the store's own TTL monitor to do the work, as with a real mongod.
  const sweep = (store as { sweepExpired?: unknown }).sweepExpired;
  if (typeof sweep === "function" && process.env.CONFORMANCE_TTL_TRIGGER !== "0") {
    target.ttlSweep = async () => {
      await (sweep as () => Promise<unknown>).call(store);
    };
  }
  return target;
}

/**
 * A database name that no other test file (or other run against the same shared server) uses.
 * MongoDB database names must be shorter than 64 bytes and may not contain /\. "$*<>:|? or spaces.
 */
export function uniqueDatabaseName(area: string): string {
  const safeArea = area.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 20);
  const suffix = `${process.pid.toString(36)}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  return `conf_${safeArea}_${suffix}`.slice(0, 63);
}
