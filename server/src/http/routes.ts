/**
 * Every `/api/v1` route declared with `defineRoute`, in one list: `router.ts` mounts it and `/api/openapi.json`
 * documents it. Each domain module exports its own array; add it here with one line.
 */
import type { RouteSpec } from "./define-route.js";
import { chatRoutes } from "../modules/chat/chat.routes.js";
import { availabilityRoutes } from "../modules/availability/availability.routes.js";
import { openingHoursRoutes } from "../modules/opening-hours/opening-hours.routes.js";
import { organisationRoutes } from "../modules/organisations/organisations.routes.js";
import { newsRoutes } from "../modules/news/news.routes.js";
import { historyRoutes } from "../modules/contact-moments/history-routes.js";
import { identityRoutes } from "../modules/identity/routes/identity.routes.js";

export const apiRoutes: readonly RouteSpec[] = [
  ...identityRoutes,
  ...availabilityRoutes,
  ...openingHoursRoutes,
  ...organisationRoutes,
  ...newsRoutes,
  ...historyRoutes,
  ...chatRoutes,
];
