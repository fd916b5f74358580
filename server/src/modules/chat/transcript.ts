/**
 * A conversation and its transcript over REST: the organisation sees its own chats (also a colleague's, never
 * internal notes); an agent only assigned ones, a supervisor all. A refusal answers like an unknown id, so it
 * never tells that the chat exists.
 */
import type { TranscriptResponse } from "../../contracts/api/chat.js";
import { AppError } from "../../contracts/errors.js";
import type { RealtimePrincipal } from "../../contracts/realtime.js";
import { findAgentProfile } from "../agents/agent.queries.js";
import { effectiveOrganisationId, type SessionPrincipal } from "../identity/session-store.js";
import { conversationView } from "./announce.js";
import { presentMessage } from "./chat-presenter.js";
import { mayAct } from "./conversation-access.js";
import { ConversationModel } from "./conversation.model.js";
import { ChatMessageModel } from "./message.model.js";

async function realtimePrincipal(p: SessionPrincipal): Promise<RealtimePrincipal> {
  if (p.type === "contact") return { kind: "contact", organisationId: effectiveOrganisationId(p), pseudonym: p.ehPseudonym, name: p.name };
  const agent = await findAgentProfile(p.agentId);
  return { kind: "agent", agentId: p.agentId, role: p.role, name: agent?.displayName ?? "" };
}

export async function transcriptReader(principal: SessionPrincipal, conversationId: string): Promise<TranscriptResponse> {
  const conversation = await ConversationModel.findById(conversationId).lean().exec();
  if (!conversation) throw new AppError("conversation_not_found");
  const who = await realtimePrincipal(principal);
  const allowed = who.kind === "contact" ? String(conversation.organisationId) === who.organisationId : mayAct(who, conversation);
  if (!allowed) throw new AppError("conversation_not_found");
  const messages = await ChatMessageModel.find({ conversationId: conversation._id, ...(who.kind === "contact" ? { internal: false } : {}) })
    .sort({ seq: 1 })
    .lean()
    .exec();
  return { conversation: await conversationView(conversation), messages: messages.map(presentMessage) };
}
