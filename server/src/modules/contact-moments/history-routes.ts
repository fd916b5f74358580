/**
 * Every route of the contact history tabs (contact moments, Digitaal archief, Evaluaties, GTB-overzicht), as
 * one list for `http/routes.ts`.
 */
import type { RouteSpec } from "../../http/define-route.js";
import { archiveRoutes } from "../archive/archive.routes.js";
import { evaluationRoutes } from "../evaluations/evaluations.routes.js";
import { gtbRoutes } from "../gtb/gtb.routes.js";
import { contactMomentRoutes } from "./contact-moments.routes.js";

export const historyRoutes: readonly RouteSpec[] = [...contactMomentRoutes, ...archiveRoutes, ...evaluationRoutes, ...gtbRoutes];

export { configureArchiveNotifications as configureHistoryNotifications } from "../archive/archive-notifier.js";
