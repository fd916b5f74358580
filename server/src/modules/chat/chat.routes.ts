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
import type { RealtimePrincipal } from "../../contracts/realtime.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { nowMs } from "../../infra/clock.js";
import { effectiveOrganisationId, type SessionPrincipal } from "../identity/session-store.js";
import { AgentModel } from "../agents/agent.model.js";
import { conversationView } from "./announce.js";
import { CannedAnswerModel, type CannedAnswer } from "./canned-answer.model.js";
import { chatContext } from "./chat-context.js";
import { presentMessage } from "./chat-presenter.js";
import { signChatToken } from "./chat-token.js";
import { mayAct } from "./conversation-access.js";
import { ConversationModel } from "./conversation.model.js";
import { ChatMessageModel } from "./message.model.js";
import { capacitySetter, listPresence } from "./presence.js";
import { queueSnapshot } from "./queue.js";

const TAG = "Chat";

const presentCanned = (c: CannedAnswer) => ({ id: String(c._id), title: c.title, text: c.text, updatedAt: new Date(c.updatedAt).toISOString() });

async function realtimePrincipal(p: SessionPrincipal): Promise<RealtimePrincipal> {
  if (p.type === "contact") return { kind: "contact", organisationId: effectiveOrganisationId(p), pseudonym: p.ehPseudonym, name: p.name };
  const agent = await AgentModel.findById(p.agentId).select({ displayName: 1 }).lean().exec();
  return { kind: "agent", agentId: p.agentId, role: p.role, name: agent?.displayName ?? "" };
}

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
    handler: async ({ params, principal }) => {
      const conversation = await ConversationModel.findById(params.conversationId).lean().exec();
      if (!conversation) throw new AppError("conversation_not_found");
      const who = await realtimePrincipal(principal);
      // The organisation sees its own chats (also a colleague's); an agent only assigned ones, a supervisor all.
      const allowed = who.kind === "contact" ? String(conversation.organisationId) === who.organisationId : mayAct(who, conversation);
      // Same answer as for an unknown id: a refusal must not tell that the chat exists.
      if (!allowed) throw new AppError("conversation_not_found");
      const messages = await ChatMessageModel.find({ conversationId: conversation._id, ...(who.kind === "contact" ? { internal: false } : {}) })
        .sort({ seq: 1 })
        .lean()
        .exec();
      return { conversation: await conversationView(conversation), messages: messages.map(presentMessage) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/chat/canned-answers",
    summary: "Canned answers, by title",
    tag: TAG,
    auth: "agent",
    response: cannedAnswerListSchema,
    handler: async () => ({ items: (await CannedAnswerModel.find({}).sort({ title: 1 }).limit(500).lean().exec()).map(presentCanned) }),
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
    handler: async ({ body }) => presentCanned((await CannedAnswerModel.create(body)).toObject()),
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
    handler: async ({ params, body }) => {
      const updated = await CannedAnswerModel.findByIdAndUpdate(params.id, { $set: body }, { returnDocument: "after", runValidators: true }).lean().exec();
      if (!updated) throw new AppError("canned_answer_not_found");
      return presentCanned(updated);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/chat/canned-answers/:id",
    summary: "Remove a canned answer",
    tag: TAG,
    auth: "supervisor",
    params: cannedAnswerParamsSchema,
    handler: async ({ params }) => {
      const removed = await CannedAnswerModel.findByIdAndDelete(params.id).lean().exec();
      if (!removed) throw new AppError("canned_answer_not_found");
    },
  }),
  defineRoute({
    method: "get",
    path: "/chat/overview",
    summary: "Supervisor live overview: agents with presence and load, queue length, longest wait",
    tag: TAG,
    auth: "supervisor",
    response: overviewResponseSchema,
    handler: async () => {
      const [loads, queue, active] = await Promise.all([
        listPresence(),
        queueSnapshot(),
        ConversationModel.countDocuments({ state: "assigned" }).exec(),
      ]);
      const seen = await chatContext()
        .presence.lastSeen(loads.map((l) => String(l._id)))
        .catch(() => new Map<string, number>());
      const oldest = queue.entries.reduce((max, e) => Math.max(max, e.waitingMs), 0);
      return {
        at: new Date(nowMs()).toISOString(),
        agents: loads.map((l) => {
          const last = seen.get(String(l._id));
          return {
            agentId: String(l._id),
            name: l.name,
            status: l.status,
            activeChats: Math.max(0, l.activeChats),
            maxChats: Math.max(1, l.maxChats),
            lastSeenAt: last === undefined ? null : new Date(last).toISOString(),
          };
        }),
        queueLength: queue.entries.length,
        longestWaitMs: oldest,
        activeConversations: active,
      };
    },
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

