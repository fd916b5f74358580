/**
 * Contact moments over HTTP: an organisation's timeline, a board's view over its schools with counts per
 * school, and the helpdesk recording a phone call, e-mail or letter. Thin: validate → policy → command.
 */
import {
  boardContactMomentsQuerySchema,
  contactMomentCountsQuerySchema,
  contactMomentCountsSchema,
  contactMomentPageSchema,
  contactMomentSchema,
  contactMomentsQuerySchema,
  organisationParamsSchema,
  recordContactMomentRequestSchema,
} from "../../contracts/api/history.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { contactMomentCounter, contactMomentLister, requireBoard, requireSchoolOfBoard } from "./commands/contact-moment-lister.js";
import { contactMomentRecorder } from "./commands/contact-moment-recorder.js";

const TAG = "Contact history";

export const contactMomentRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/contact-moments",
    summary: "Contact moments of an organisation, newest first (keyset cursor)",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    query: contactMomentsQuerySchema,
    response: contactMomentPageSchema,
    handler: async ({ params, query, res }) => {
      res.set("Cache-Control", "no-store");
      return contactMomentLister({ ...query, scope: { organisationId: params.organisationId } });
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/contact-moments/by-school",
    summary: "Contact moments of a board's schools (all, or one with schoolId), newest first",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    query: boardContactMomentsQuerySchema,
    response: contactMomentPageSchema,
    handler: async ({ params, query, res }) => {
      await requireBoard(params.organisationId);
      if (query.schoolId) await requireSchoolOfBoard(params.organisationId, query.schoolId);
      res.set("Cache-Control", "no-store");
      return contactMomentLister({ ...query, scope: { boardId: params.organisationId, schoolId: query.schoolId } });
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/contact-moment-counts",
    summary: "Number of contact moments per school of a board",
    tag: TAG,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    query: contactMomentCountsQuerySchema,
    response: contactMomentCountsSchema,
    handler: async ({ params, query, res }) => {
      await requireBoard(params.organisationId);
      res.set("Cache-Control", "no-store");
      return contactMomentCounter({ ...query, boardId: params.organisationId });
    },
  }),
  defineRoute({
    method: "post",
    path: "/organisations/:organisationId/contact-moments",
    summary: "Record a phone call, e-mail or letter as a contact moment (helpdesk)",
    tag: TAG,
    auth: "agent",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    body: recordContactMomentRequestSchema,
    response: contactMomentSchema,
    status: 201,
    handler: async ({ params, body, principal }) =>
      contactMomentRecorder({
        organisationId: params.organisationId,
        channel: body.channel,
        direction: body.direction,
        subject: body.subject,
        summary: body.summary,
        agentId: principal.agentId,
        contactName: body.contactName ?? null,
        startedAt: new Date(body.startedAt),
        endedAt: body.endedAt ? new Date(body.endedAt) : null,
        callbackRequested: body.callbackRequested,
      }),
  }),
];
