/**
 * Supervisor routes for opening hours: weekly schedule, closures, and the holiday decision per year.
 * Contract: contracts/api/availability.ts. Every change reaches all availability streams within 1 s.
 */
import {
  closureInputSchema,
  closureListQuerySchema,
  closureListSchema,
  closureParamsSchema,
  closureSchema,
  holidayListSchema,
  holidayQuerySchema,
  weeklyScheduleInputSchema,
  weeklyScheduleSchema,
} from "../../contracts/api/availability.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { nowMs } from "../../infra/clock.js";
import { closureAdder } from "./commands/closure-adder.js";
import { closureRemover } from "./commands/closure-remover.js";
import { scheduleUpdater } from "./commands/schedule-updater.js";
import { holidaysOfYear } from "./holidays.js";
import { ChatClosureModel } from "./opening-hours.model.js";
import { presentClosure, presentSchedule } from "./presenter.js";
import { openingHours } from "./store.js";

const tag = "Openingstijden";

export const openingHoursRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/opening-hours/schedule",
    summary: "The weekly chat schedule and the helpdesk phone/e-mail (supervisors)",
    tag,
    auth: "supervisor",
    response: weeklyScheduleSchema,
    handler: async () => presentSchedule(openingHours()),
  }),
  defineRoute({
    method: "put",
    path: "/opening-hours/schedule",
    summary: "Replace the weekly chat schedule and the helpdesk phone/e-mail (supervisors)",
    tag,
    auth: "supervisor",
    body: weeklyScheduleInputSchema,
    response: weeklyScheduleSchema,
    handler: ({ body, principal }) => scheduleUpdater({ input: body, principal }),
  }),
  defineRoute({
    method: "get",
    path: "/opening-hours/closures",
    summary: "Closures that have not ended yet, soonest first; includePast=true for all (supervisors)",
    tag,
    auth: "supervisor",
    query: closureListQuerySchema,
    response: closureListSchema,
    handler: async ({ query }) => {
      const filter = query.includePast ? {} : { endsAt: { $gt: new Date(nowMs()) } };
      const rows = await ChatClosureModel.find(filter).sort({ startsAt: query.includePast ? -1 : 1 }).limit(500).lean().exec();
      return { closures: rows.map(presentClosure) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/opening-hours/closures",
    summary: "Close the chat for a day or a time range, with a reason (supervisors)",
    tag,
    auth: "supervisor",
    body: closureInputSchema,
    response: closureSchema,
    status: 201,
    handler: ({ body, principal }) => closureAdder({ input: body, principal }),
  }),
  defineRoute({
    method: "delete",
    path: "/opening-hours/closures/:closureId",
    summary: "Remove a closure (supervisors)",
    tag,
    auth: "supervisor",
    params: closureParamsSchema,
    handler: ({ params }) => closureRemover({ closureId: params.closureId }),
  }),
  defineRoute({
    method: "get",
    path: "/opening-hours/holidays",
    summary: "Dutch holidays of a year and whether each closes the chat (supervisors)",
    tag,
    auth: "supervisor",
    query: holidayQuerySchema,
    response: holidayListSchema,
    handler: async ({ query }) => ({ year: query.year, holidays: holidaysOfYear(query.year).map((h) => ({ ...h })) }),
  }),
];
