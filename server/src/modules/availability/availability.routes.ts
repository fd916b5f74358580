/**
 * `GET /api/v1/availability`: the JSON snapshot of the chat signal (public). The stream
 * (`/api/v1/availability/stream`) is not an Express route; see `sse-hub.ts` and `install.ts`.
 */
import { availabilitySchema } from "../../contracts/api/availability.js";
import { AppError } from "../../contracts/errors.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { activeAvailability } from "./install.js";

export const availabilityRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/availability",
    summary: "Is the chat available now (opening hours + an agent with room)? Public; live updates at /availability/stream (SSE)",
    tag: "Chat",
    auth: "public",
    response: availabilitySchema,
    handler: async ({ req, res }) => {
      const active = activeAvailability();
      if (!active) throw new AppError("not_found");
      const origin = req.headers.origin;
      if (origin !== undefined && active.isOriginAllowed(origin)) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Vary", "Origin");
      }
      res.setHeader("Cache-Control", "no-store");
      return active.service.current();
    },
  }),
];
