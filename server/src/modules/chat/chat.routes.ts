/**
 * The chat's REST routes (thin: validate, authorize, one command or query, present). Live traffic is Socket.IO.
 * Contract: `contracts/api/chat.ts`.
 */
import { Types } from "mongoose";
import {
  cannedAnswerInputSchema,
  cannedAnswerListSchema,
  cannedAnswerParamsSchema,
  cannedAnswerPatchSchema,
  cannedAnswerSchema,
  capacityBodySchema,
  capacityParamsSchema,
  capacityResponseSchema,
  chatTokenResponseSchema,
  conversationParamsSchema,
  overviewResponseSchema,
  queueResponseSchema,
  transcriptResponseSchema,
} from "../../contracts/api/chat.js";
import { AppError } from "../../contracts/errors.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { effectiveOrganisationId } from "../identity/session-store.js";
import { chatContext } from "./chat-context.js";
import { signChatToken } from "./chat-token.js";
import { cannedAnswerCreator, cannedAnswerLister, cannedAnswerRemover, cannedAnswerUpdater } from "./canned-answers.js";
import { chatOverview } from "./overview.js";
import { capacitySetter } from "./presence.js";
import { queueSnapshot } from "./queue.js";
import { transcriptReader } from "./transcript.js";

const TAG = "Chat";

export const chatRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/chat/token",
    summary: "Short-lived signed chat token for the widget on another page",
    tag: TAG,
    auth: "contact",
    response: chatTokenResponseSchema,
    handler: async ({ req, principal }) => {
      const { token, expiresAt } = signChatToken(chatContext().tokenSecret, {
        organisationId: effectiveOrganisationId(principal),
        pseudonym: principal.ehPseudonym,
        name: principal.name,
        // The socket opened with this token lives and dies with this session (see chat-token.ts).
        sessionKey: req.session.keyHash ?? undefined,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: "get",
    path: "/chat/queue",
    summary: "Waiting chats, front first, with waiting times",
    tag: TAG,
    auth: "agent",
    response: queueResponseSchema,
    handler: () => queueSnapshot(),
  }),
  defineRoute({
    method: "get",
    path: "/chat/conversations/:conversationId",
    summary: "A conversation and its transcript (assigned agent, supervisor, or the own organisation)",
    tag: TAG,
    auth: "principal",
    params: conversationParamsSchema,
    response: transcriptResponseSchema,
    handler: ({ params, principal }) => transcriptReader(principal, params.conversationId),
  }),
  defineRoute({
    method: "get",
    path: "/chat/canned-answers",
    summary: "Canned answers, by title",
    tag: TAG,
    auth: "agent",
    response: cannedAnswerListSchema,
    handler: () => cannedAnswerLister(),
  }),
  defineRoute({
    method: "post",
    path: "/chat/canned-answers",
    summary: "Add a canned answer",
    tag: TAG,
    auth: "supervisor",
    body: cannedAnswerInputSchema,
    response: cannedAnswerSchema,
    status: 201,
    handler: ({ body }) => cannedAnswerCreator(body),
  }),
  defineRoute({
    method: "patch",
    path: "/chat/canned-answers/:id",
    summary: "Change a canned answer",
    tag: TAG,
    auth: "supervisor",
    params: cannedAnswerParamsSchema,
    body: cannedAnswerPatchSchema,
    response: cannedAnswerSchema,
    handler: ({ params, body }) => cannedAnswerUpdater(params.id, body),
  }),
  defineRoute({
    method: "delete",
    path: "/chat/canned-answers/:id",
    summary: "Remove a canned answer",
    tag: TAG,
    auth: "supervisor",
    params: cannedAnswerParamsSchema,
    handler: ({ params }) => cannedAnswerRemover(params.id),
  }),
  defineRoute({
    method: "get",
    path: "/chat/overview",
    summary: "Supervisor live overview: agents with presence and load, queue length, longest wait",
    tag: TAG,
    auth: "supervisor",
    response: overviewResponseSchema,
    handler: () => chatOverview(),
  }),
  defineRoute({
    method: "patch",
    path: "/agents/:agentId/capacity",
    summary: "Set an agent's maximum of concurrent chats",
    tag: TAG,
    auth: "supervisor",
    params: capacityParamsSchema,
    body: capacityBodySchema,
    response: capacityResponseSchema,
    handler: ({ params, body }) => {
      if (!Types.ObjectId.isValid(params.agentId)) throw new AppError("agent_not_found");
      return capacitySetter({ ctx: chatContext(), agentId: params.agentId, maxChats: body.maxConcurrentChats });
    },
  }),
];

