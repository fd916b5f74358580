/**
 * News routes: an organisation's "Nieuws en mededelingen" (anyone who may act for it) and the supervisors'
 * management routes. Thin: schema → policy → one query or command → presenter. Contract: contracts/api/news.ts.
 */
import {
  newsCreateSchema,
  newsItemSchema,
  newsListQuerySchema,
  newsListSchema,
  newsParamsSchema,
  newsUpdateSchema,
  organisationNewsListSchema,
  organisationNewsQuerySchema,
} from "../../contracts/api/news.js";
import { organisationParamsSchema } from "../../contracts/api/organisations.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { newsPublisher } from "./commands/news-publisher.js";
import { newsUpdater } from "./commands/news-updater.js";
import { newsWithdrawer } from "./commands/news-withdrawer.js";
import { listAllNews, listOrganisationNews } from "./news.queries.js";

const tag = "Nieuws en mededelingen";

export const newsRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/news",
    summary: "News for this organisation (audience all, its sector, or naming it), newest first; withdrawn hidden",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    query: organisationNewsQuerySchema,
    response: organisationNewsListSchema,
    handler: ({ params, query }) => listOrganisationNews(params.organisationId, query.limit),
  }),
  defineRoute({
    method: "get",
    path: "/news",
    summary: "All news items including scheduled and withdrawn ones (supervisors)",
    tag,
    auth: "supervisor",
    query: newsListQuerySchema,
    response: newsListSchema,
    handler: ({ query }) => listAllNews(query.limit),
  }),
  defineRoute({
    method: "post",
    path: "/news",
    summary: "Publish (or schedule) a news item for everyone, a sector or organisations by code (supervisors)",
    tag,
    auth: "supervisor",
    body: newsCreateSchema,
    response: newsItemSchema,
    status: 201,
    handler: ({ body, principal, req }) => newsPublisher({ input: body, principal, ip: req.ip }),
  }),
  defineRoute({
    method: "patch",
    path: "/news/:newsId",
    summary: "Edit a news item (supervisors)",
    tag,
    auth: "supervisor",
    params: newsParamsSchema,
    body: newsUpdateSchema,
    response: newsItemSchema,
    handler: ({ params, body, principal, req }) => newsUpdater({ newsId: params.newsId, changes: body, principal, ip: req.ip }),
  }),
  defineRoute({
    method: "post",
    path: "/news/:newsId/withdraw",
    summary: "Withdraw a news item; organisations no longer see it (supervisors, idempotent)",
    tag,
    auth: "supervisor",
    params: newsParamsSchema,
    response: newsItemSchema,
    handler: ({ params, principal, req }) => newsWithdrawer({ newsId: params.newsId, principal, ip: req.ip }),
  }),
];
