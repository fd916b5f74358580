import { Router } from "express";

export { apiNotFound } from "./middleware/error-handler.js";

/** What API routes may need; grows as domain modules arrive. */
export interface ApiDeps {}

/**
 * The `/api/v1` router. Domain modules mount their routers here (`router.use("/organisations", …)`).
 * Unknown `/api` paths are answered by `apiNotFound`, mounted after this router in `app.ts`.
 */
export function createApiRouter(_deps: ApiDeps = {}): Router {
  const router = Router();
  return router;
}
