/**
 * The chat's periodic job (every 5 s on every process; all steps are conditional updates, so processes running
 * it at once do no harm). Decisions use clock.ts, so tests move a ManualClock instead of sleeping.
 * 1. Gone agents: an agent not offline, or with assigned chats, whose last heartbeat is older than 60 s (or who
 *    has had no heartbeat for 60 s of this process's watch) goes offline and their chats return to the FRONT of
 *    the queue. If the presence store cannot be read (Redis down), nobody is declared gone.
 * 2. Closing time: chats still queued while closed are offered "laat een bericht achter".
 * 3. Chats ended but not yet recorded (a crash between end and record) are recorded.
 * 4. Agent slot counts left wrong by a crash in the middle of a move are corrected (slot-recount.ts).
 */
import { CHAT_LIMITS } from "../../contracts/realtime.js";
import { now, nowMs } from "../../infra/clock.js";
import { AgentLoadModel } from "./agent-load.model.js";
import { announceConversation } from "./announce.js";
import type { ChatContext } from "./chat-context.js";
import { chatRecorder } from "./commands/chat-recorder.js";
import { conversationRequeuer } from "./commands/conversation-assigner.js";
import { ConversationModel } from "./conversation.model.js";
import { recountAgentSlots, type SlotSuspects } from "./slot-recount.js";

/** State a process keeps between sweeps. */
export interface SweepState {
  /** Agents without any heartbeat: since when this process noticed (a fresh Redis has no keys at all). */
  missingSince: Map<string, number>;
  /** Agents whose slot count disagrees with their chats, and since when (see slot-recount.ts). */
  slotSuspects: SlotSuspects;
}

/** Props of {@link runChatSweep}. */
export interface ChatSweepProps {
  ctx: ChatContext;
  state: SweepState;
}

export async function runChatSweep({ ctx, state }: ChatSweepProps): Promise<void> {
  await sweepGoneAgents(ctx, state);
  await offerLeaveMessageWhenClosed(ctx);
  await recordLate(ctx);
  await recountAgentSlots(ctx, state.slotSuspects);
}

async function sweepGoneAgents(ctx: ChatContext, state: SweepState): Promise<void> {
  const at = nowMs();
  const present = await AgentLoadModel.find({ status: { $ne: "offline" } }).select({ _id: 1 }).lean().exec();
  const busy = await ConversationModel.distinct("assignedAgentId", { state: "assigned" }).exec();
  const ids = [...new Set([...present.map((a) => String(a._id)), ...busy.filter(Boolean).map(String)])];
  if (ids.length === 0) return;
  let seen: Map<string, number>;
  try {
    seen = await ctx.presence.lastSeen(ids);
  } catch (err) {
    ctx.logger.warn({ err }, "presence store unreadable: not declaring anyone gone");
    return;
  }
  for (const id of ids) {
    const last = seen.get(id);
    if (last !== undefined) state.missingSince.delete(id);
    else if (!state.missingSince.has(id)) state.missingSince.set(id, at);
    const since = last ?? state.missingSince.get(id)!;
    if (at - since <= CHAT_LIMITS.agentGoneMs) continue;
    state.missingSince.delete(id);
    const wentOffline = await AgentLoadModel.updateOne({ _id: id, status: { $ne: "offline" } }, { $set: { status: "offline", statusChangedAt: now() } }).exec();
    if (wentOffline.modifiedCount > 0) {
      ctx.logger.info({ agentId: id }, "agent gone: offline");
      ctx.bus.emit("presence.changed", { agentId: id });
    }
    const chats = await ConversationModel.find({ state: "assigned", assignedAgentId: id }).select({ _id: 1, assignedAgentId: 1 }).lean().exec();
    for (const c of chats) await conversationRequeuer({ ctx, conversationId: c._id, agentId: c.assignedAgentId! });
  }
}

async function offerLeaveMessageWhenClosed(ctx: ChatContext): Promise<void> {
  if (await ctx.isOpenAt(now())) return;
  const waiting = await ConversationModel.find({ state: "queued", offerLeaveMessage: false }).select({ _id: 1 }).lean().exec();
  for (const { _id } of waiting) {
    const offered = await ConversationModel.findOneAndUpdate({ _id, state: "queued", offerLeaveMessage: false }, { $set: { offerLeaveMessage: true } }, { returnDocument: "after" })
      .lean()
      .exec();
    if (offered) await announceConversation(ctx, offered);
  }
}

async function recordLate(ctx: ChatContext): Promise<void> {
  const late = await ConversationModel.find({ state: "ended", recordedAt: null, endedAt: { $lt: new Date(nowMs() - 30_000) } })
    .select({ _id: 1 })
    .limit(100)
    .lean()
    .exec();
  for (const { _id } of late) await chatRecorder({ ctx, conversationId: _id });
}
