/**
 * The one policy question of every chat command: may this person act in this conversation? A school person only
 * in their own conversations (same organisation and same eHerkenning identity), an agent only in chats assigned
 * to them, a supervisor in all.
 */
import { Types } from "mongoose";
import { AppError } from "../../contracts/errors.js";
import type { PartyKind, RealtimePrincipal } from "../../contracts/realtime.js";
import { ConversationModel, type Conversation } from "./conversation.model.js";

/** Which side of a conversation a principal is on. */
export function partyOf(principal: RealtimePrincipal): PartyKind {
  return principal.kind === "contact" ? "contact" : "agent";
}

/** The other side. */
export function otherParty(party: PartyKind): PartyKind {
  return party === "contact" ? "agent" : "contact";
}

/** Rate-limit and idempotency key of a sender. */
export function senderKey(principal: RealtimePrincipal): string {
  return principal.kind === "contact" ? `contact:${principal.organisationId}:${principal.pseudonym}` : `agent:${principal.agentId}`;
}

/** True when `principal` may take part in `conversation` (see module comment). */
export function mayAct(principal: RealtimePrincipal, conversation: Pick<Conversation, "organisationId" | "contact" | "assignedAgentId">): boolean {
  if (principal.kind === "contact") {
    return String(conversation.organisationId) === principal.organisationId && conversation.contact.pseudonym === principal.pseudonym;
  }
  if (principal.role === "supervisor") return true;
  return conversation.assignedAgentId !== null && String(conversation.assignedAgentId) === principal.agentId;
}

/**
 * Loads a conversation the principal may act in; `conversation_not_found` otherwise, also when it exists but is
 * someone else's, so that the answer does not tell whether a chat id exists.
 */
export async function conversationFor(principal: RealtimePrincipal, conversationId: string): Promise<Conversation> {
  if (!Types.ObjectId.isValid(conversationId)) throw new AppError("conversation_not_found");
  const conversation = await ConversationModel.findById(conversationId).lean().exec();
  if (!conversation) throw new AppError("conversation_not_found");
  if (!mayAct(principal, conversation)) throw new AppError("conversation_not_found");
  return conversation;
}
