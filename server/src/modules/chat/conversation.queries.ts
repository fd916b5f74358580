/**
 * Conversation reads the socket layer needs: which conversation rooms a socket joins, the agent console's sync,
 * and whether a school person is in a running chat (the session guard keeps their session alive then).
 */
import { Types } from "mongoose";
import { ConversationModel, type Conversation } from "./conversation.model.js";

/** The conversations assigned to the agent, oldest assignment first. */
export async function assignedConversations(agentId: string): Promise<Conversation[]> {
  return ConversationModel.find({ state: "assigned", assignedAgentId: new Types.ObjectId(agentId) }).sort({ assignedAt: 1 }).lean().exec();
}

/** Ids of the conversations assigned to the agent. */
export async function assignedConversationIds(agentId: string): Promise<string[]> {
  const mine = await ConversationModel.find({ state: "assigned", assignedAgentId: new Types.ObjectId(agentId) }).select({ _id: 1 }).lean().exec();
  return mine.map((c) => String(c._id));
}

/** Ids of the school person's active conversation (queued or assigned; at most one, see `activeKey`). */
export async function activeConversationIds(organisationId: string, pseudonym: string): Promise<string[]> {
  const mine = await ConversationModel.find({ activeKey: `${organisationId}:${pseudonym}` }).select({ _id: 1 }).lean().exec();
  return mine.map((c) => String(c._id));
}

/** True when the school person has a chat that is queued or assigned. */
export async function hasRunningChat(organisationId: string, pseudonym: string): Promise<boolean> {
  const running = await ConversationModel.exists({
    organisationId,
    "contact.pseudonym": pseudonym,
    state: { $in: ["queued", "assigned"] },
  }).exec();
  return running !== null;
}
