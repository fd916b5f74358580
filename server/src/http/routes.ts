/**
 * Every `/api/v1` route declared with `defineRoute`, in one list: `router.ts` mounts it and `/api/openapi.json`
 * documents it. Each domain module exports its own array; add it here with one line.
 */
import type { RouteSpec } from "./define-route.js";
import { organisationRoutes } from "../modules/organisations/organisations.routes.js";
import { newsRoutes } from "../modules/news/news.routes.js";

export const apiRoutes: readonly RouteSpec[] = [
  ...organisationRoutes,
  ...newsRoutes,
];
