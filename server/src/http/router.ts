import { Router } from "express";
import { mountRoutes, openApiDocument, type RouteServices } from "./define-route.js";
import { apiRoutes } from "./routes.js";

export { apiNotFound } from "./middleware/error-handler.js";

/**
 * The `/api/v1` router: every route of {@link apiRoutes}. Unknown `/api` paths are answered by `apiNotFound`,
 * mounted after this router in `app.ts`.
 */
export function createApiRouter(services: RouteServices): Router {
  const router = Router();
  mountRoutes(router, apiRoutes, services);
  return router;
}

/** `GET /api/openapi.json`: generated from the same schemas the routes validate with. */
export function createOpenApiRouter(): Router {
  const router = Router();
  const document = openApiDocument(apiRoutes, { title: "Balie API", version: "1" });
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  return router;
}
