import { Router } from "express";

/** Readiness inputs for {@link createHealthRouter}. */
export interface HealthDeps {
  /** Mongo round trip. */
  mongo: () => Promise<boolean>;
  /** Redis round trip; omitted when Redis is not configured. */
  redis?: (() => Promise<boolean>) | undefined;
  /** True once shutdown has begun: readiness fails first so load balancers stop routing here. */
  isShuttingDown: () => boolean;
  /** Warnings an operator must see (e.g. the embedded store in production); reported, not failing. */
  warnings?: readonly string[] | undefined;
}

type CheckState = "ok" | "failed" | "shutting_down";

/**
 * `GET /healthz`: 200 while the process lives (liveness).
 * `GET /readyz`: 200 when Mongo (and Redis, if configured) answer and we are not shutting down; otherwise 503
 * with `{ status: "unavailable", failed: [...], checks: {...} }`.
 */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const checks: Record<string, CheckState> = {};
    if (deps.isShuttingDown()) checks.shutdown = "shutting_down";
    const [mongo, redis] = await Promise.all([deps.mongo(), deps.redis?.()]);
    checks.mongo = mongo ? "ok" : "failed";
    if (deps.redis) checks.redis = redis ? "ok" : "failed";
    const failed = Object.entries(checks)
      .filter(([, state]) => state !== "ok")
      .map(([name]) => name);
    res
      .status(failed.length === 0 ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ ...(failed.length === 0 ? { status: "ok" } : { status: "unavailable", failed }), checks, ...(deps.warnings?.length ? { warnings: deps.warnings } : {}) });
  });
  return router;
}
