/**
 * Routing. Every move is a pair of single-document conditional updates, never a transaction:
 * 1. charge an agent: `findOneAndUpdate({status: "online", freeSlots: {$gt: 0}}, {$inc: {activeChats: 1,
 *    freeSlots: -1}})` sorted least-busy first — capacity can never be exceeded, whatever the number of nodes;
 * 2. move the conversation with a filter on its current state (`{_id, state: "queued"}` → assigned) — only one
 *    node can win; a loser gives the charged slot back (`$inc: -1`).
 * A crash between 1 and 2 leaves one slot reserved too long (under-use, never over-use).
 */
import { Types } from "mongoose";
import { AppError } from "../../../contracts/errors.js";
import type { ConversationView, RealtimePrincipal } from "../../../contracts/realtime.js";
import { now, nowMs } from "../../../infra/clock.js";
import { AgentLoadModel, type AgentLoad } from "../agent-load.model.js";
import { announceConversation } from "../announce.js";
import type { ChatContext } from "../chat-context.js";
import { conversationFor } from "../conversation-access.js";
import { ConversationModel, REQUEUE_RANK_OFFSET } from "../conversation.model.js";
import { ensureAgentLoad } from "../presence.js";

const charge = { $inc: { activeChats: 1, freeSlots: -1 } };

/** Gives one slot back to an agent (chat ended, transferred away, lost). */
export async function releaseAgentSlot(ctx: ChatContext, agentId: Types.ObjectId | string): Promise<void> {
  await AgentLoadModel.updateOne({ _id: agentId }, { $inc: { activeChats: -1, freeSlots: 1 } }).exec();
  ctx.bus.emit("presence.changed", { agentId: String(agentId) });
  ctx.requestDispatch();
}

/** Moves a queued conversation to `load`'s agent; gives the slot back and returns null when it was not queued. */
async function assignQueued(ctx: ChatContext, conversationId: Types.ObjectId, load: AgentLoad): Promise<ConversationView | null> {
  const conversation = await ConversationModel.findOneAndUpdate(
    { _id: conversationId, state: "queued" },
    { $set: { state: "assigned", assignedAgentId: load._id, assignedAgentName: load.name, assignedAt: now(), agentLastSeenAt: now(), offerLeaveMessage: false } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!conversation) {
    await AgentLoadModel.updateOne({ _id: load._id }, { $inc: { activeChats: -1, freeSlots: 1 } }).exec();
    return null;
  }
  ctx.bus.emit("presence.changed", { agentId: String(load._id) });
  ctx.bus.emit("chat.queueChanged", { reason: "assigned" });
  return announceConversation(ctx, conversation);
}

/** Props of {@link conversationAssigner}. */
export interface ConversationAssignerProps {
  ctx: ChatContext;
  /** Stop after this many assignments (the dispatcher runs again when asked). */
  max?: number;
}

/**
 * One routing pass: while a chat waits and an online agent has room, the front chat goes to the least-busy such
 * agent (ties: the one whose last assignment is oldest). Returns how many chats were assigned.
 */
export async function conversationAssigner({ ctx, max = 100 }: ConversationAssignerProps): Promise<number> {
  let assigned = 0;
  let misses = 0;
  while (assigned < max && misses < 20) {
    const next = await ConversationModel.findOne({ state: "queued" }).sort({ queueRank: 1, _id: 1 }).select({ _id: 1 }).lean().exec();
    if (!next) break;
    const load = await AgentLoadModel.findOneAndUpdate(
      { status: "online", freeSlots: { $gt: 0 } },
      { ...charge, $set: { lastAssignedAtMs: nowMs() } },
      { sort: { activeChats: 1, lastAssignedAtMs: 1 }, returnDocument: "after" },
    )
      .lean()
      .exec();
    if (!load) break;
    if (await assignQueued(ctx, next._id, load)) assigned++;
    else misses++; // another node took it; look at the queue again
  }
  return assigned;
}

/** Props of {@link queuePicker}. */
export interface QueuePickerProps {
  ctx: ChatContext;
  principal: Extract<RealtimePrincipal, { kind: "agent" }>;
  conversationId: string;
}

/** An agent takes a specific waiting chat (online or on pause, within capacity). */
export async function queuePicker({ ctx, principal, conversationId }: QueuePickerProps): Promise<ConversationView> {
  if (!Types.ObjectId.isValid(conversationId)) throw new AppError("conversation_not_found");
  const exists = await ConversationModel.findById(conversationId).select({ state: 1 }).lean().exec();
  if (!exists) throw new AppError("conversation_not_found");
  if (exists.state !== "queued") throw new AppError("not_in_queue");
  await ensureAgentLoad(principal.agentId);
  const load = await AgentLoadModel.findOneAndUpdate(
    { _id: principal.agentId, status: { $ne: "offline" }, freeSlots: { $gt: 0 } },
    { ...charge, $set: { lastAssignedAtMs: nowMs() } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!load) throw new AppError("agent_at_capacity");
  const view = await assignQueued(ctx, exists._id, load);
  if (!view) throw new AppError("not_in_queue");
  return view;
}

/** Props of {@link conversationTransferrer}. */
export interface ConversationTransferrerProps {
  ctx: ChatContext;
  principal: Extract<RealtimePrincipal, { kind: "agent" }>;
  conversationId: string;
  toAgentId: string;
}

/** Hands an assigned chat to a colleague who is online with room (the assigned agent or a supervisor). */
export async function conversationTransferrer({ ctx, principal, conversationId, toAgentId }: ConversationTransferrerProps): Promise<ConversationView> {
  const conversation = await conversationFor(principal, conversationId);
  if (conversation.state !== "assigned" || !conversation.assignedAgentId) throw new AppError(conversation.state === "queued" ? "not_your_conversation" : "conversation_ended");
  const fromAgentId = conversation.assignedAgentId;
  if (String(fromAgentId) === toAgentId) return announceConversation(ctx, conversation);
  await ensureAgentLoad(toAgentId);
  const target = await AgentLoadModel.findOneAndUpdate(
    { _id: toAgentId, status: "online", freeSlots: { $gt: 0 } },
    { ...charge, $set: { lastAssignedAtMs: nowMs() } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!target) throw new AppError("agent_at_capacity");
  const moved = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, state: "assigned", assignedAgentId: fromAgentId },
    { $set: { assignedAgentId: target._id, assignedAgentName: target.name, assignedAt: now(), agentLastSeenAt: now() } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!moved) {
    await AgentLoadModel.updateOne({ _id: target._id }, { $inc: { activeChats: -1, freeSlots: 1 } }).exec();
    throw new AppError("conflict");
  }
  ctx.bus.emit("presence.changed", { agentId: String(target._id) });
  await releaseAgentSlot(ctx, fromAgentId);
  return announceConversation(ctx, moved, String(fromAgentId));
}

/** Props of {@link conversationRequeuer}. */
export interface ConversationRequeuerProps {
  ctx: ChatContext;
  conversationId: Types.ObjectId;
  /** The agent who is gone; the chat moves only if it is still theirs. */
  agentId: Types.ObjectId;
}

/** Puts a chat of a vanished agent back at the FRONT of the queue. Returns false when it was no longer theirs. */
export async function conversationRequeuer({ ctx, conversationId, agentId }: ConversationRequeuerProps): Promise<boolean> {
  const current = await ConversationModel.findOne({ _id: conversationId, state: "assigned", assignedAgentId: agentId }).select({ queuedAt: 1 }).lean().exec();
  if (!current) return false;
  const moved = await ConversationModel.findOneAndUpdate(
    { _id: conversationId, state: "assigned", assignedAgentId: agentId },
    {
      $set: {
        state: "queued",
        assignedAgentId: null,
        assignedAgentName: null,
        assignedAt: null,
        queueRank: new Date(current.queuedAt).getTime() - REQUEUE_RANK_OFFSET,
      },
    },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!moved) return false;
  await releaseAgentSlot(ctx, agentId);
  await announceConversation(ctx, moved, String(agentId));
  ctx.bus.emit("chat.queueChanged", { reason: "requeued" });
  return true;
}
